import { endorseKey, publishedKeyOf, resolveTrust, type KeyRing, type Logger, type TrustPolicy } from '@hub/service-kit';

/**
 * Checks, before the service publishes and signs anything, that its current keys are trusted
 * under the deployment's trust file: anchored there, or reached by endorsements from an anchor
 * through this agency's own key ring (what publishKeyRing will publish). A service whose keys are
 * not trusted would sign what the hub refuses, so it stops with a message saying what to do.
 * A trust file that names no key of this agency at all is the set-up still under way: a warning.
 */
export async function checkOwnKeysTrusted(agency: string, keyring: KeyRing, trust: TrustPolicy, logger: Logger): Promise<void> {
  const anchored = trust.anchors.filter((k) => k.agency === agency);
  if (anchored.length === 0) {
    if (!trust.storeKeys) {
      logger.warn(
        { trust: trust.source, agency },
        `the trust file names no key of ${agency}: the hub will refuse its signatures and sessions until its keys are added (cli/trust.ts add)`,
      );
    }
    return;
  }
  const problems: string[] = [];
  for (const purpose of ['events', 'sessions'] as const) {
    const pairs = keyring.all(purpose);
    const chain = pairs.map((pair, i) => {
      const key = publishedKeyOf(agency, pair);
      return i === 0 ? key : { ...key, endorsement: endorseKey(pairs[i - 1]!, key) };
    });
    const { trusted } = resolveTrust({ anchors: trust.anchors, storeKeys: trust.storeKeys }, chain);
    const current = await keyring.current(purpose);
    if (!trusted.some((k) => k.agency === agency && k.purpose === purpose && k.keyId === current.keyId)) {
      problems.push(`${purpose} ${current.keyId}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `本机构 ${agency} 的当前密钥（${problems.join('，')}）不在信任文件 ${trust.source} 中，也无法由其中的密钥经背书链到达：中枢将拒绝其签名与会话。` +
        `请确认数据目录是否正确，或将其加入信任文件（cli/trust.ts add）。 / ` +
        `The current keys of ${agency} (${problems.join(', ')}) are not in the trust file ${trust.source} and not reached from it by endorsements: ` +
        'the hub would refuse their signatures and sessions. Check DATA_DIR, or add them to the trust file (cli/trust.ts add).',
    );
  }
}
