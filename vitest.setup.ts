// Output is for people: a test that writes to the console fails.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[method] = (...args: unknown[]) => {
    throw new Error(`console.${method} called during a test: ${args.map(String).join(' ').slice(0, 200)}`);
  };
}

// The second factor (TOTP_REQUIRED_ROLES, default admin and auditor) is off in specs that are not
// about it, so they sign in admins and auditors with a password alone; the second-factor specs
// (packages/agency-service/test/sign-in/second-factor.int.spec.ts, the browser's second-factor
// spec) set the roles themselves.
process.env['TOTP_REQUIRED_ROLES'] ??= 'none';
