export {
  NumberRegister,
  REGISTER_STREAM_PREFIX,
  registerKeyOfStream,
  registerStream,
  toIssued,
  type IssuedNumber,
  type IssueRequest,
  type NumberRegisterOptions,
  type RegisterKey,
} from './register.js';
