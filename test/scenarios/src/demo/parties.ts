/**
 * The fictional people and firms of the demo. Names are plausible, not real; every USCC and
 * resident ID carries a valid check character (built with the contracts' own check functions),
 * region codes are real 行政区划代码 of Hangzhou's districts and of common home provinces of
 * migrant workers.
 */
import type { RegisteredEmployer as Employer, WorkerIdentityInput } from '@hub/contracts';
import { makeMobile, makeResidentId, makeUscc } from '../identities.js';

/** Real district codes (GB/T 2260). */
export const REGIONS = {
  shangcheng: '330102', // 杭州市上城区
  gongshu: '330105', // 杭州市拱墅区
  xihu: '330106', // 杭州市西湖区
  binjiang: '330108', // 杭州市滨江区
  xiaoshan: '330109', // 杭州市萧山区
  yuhang: '330110', // 杭州市余杭区
} as const;

const employer = (name: string, region: string, seed: number): Employer => ({ name, uscc: makeUscc(region, seed) });

export const EMPLOYERS = {
  xixiDecor: employer('杭州西溪筑业装饰工程有限公司', REGIONS.xihu, 11),
  yunqiTech: employer('杭州云栖智造科技有限公司', REGIONS.binjiang, 12),
  zhijiangCatering: employer('杭州之江餐饮管理有限公司', REGIONS.xihu, 13),
  liangzhuLabour: employer('杭州良渚建设劳务有限公司', REGIONS.yuhang, 14),
  sudaDelivery: employer('杭州速达同城配送有限公司', REGIONS.gongshu, 15),
  qiantangTextile: employer('杭州钱塘纺织印染有限公司', REGIONS.shangcheng, 16),
  gongchenHr: employer('杭州拱宸人力资源服务有限公司', REGIONS.gongshu, 17),
  yunheStaffing: employer('杭州运河劳务派遣有限公司', REGIONS.gongshu, 18),
  daguanSecurity: employer('杭州大关保安服务有限公司', REGIONS.gongshu, 19),
  xiaoshanMachinery: employer('杭州萧山精工机械有限公司', REGIONS.xiaoshan, 20),
  binjiangRecruit: employer('杭州滨江优才网络科技有限公司', REGIONS.binjiang, 21),
  xihuSupermarket: employer('杭州西湖惠民超市有限公司', REGIONS.xihu, 22),
  hengfengPrint: employer('杭州萧山恒丰包装印务有限公司', REGIONS.xiaoshan, 23),
  binshengLabour: employer('杭州滨盛建筑劳务有限公司', REGIONS.binjiang, 24),
  hongdaHardware: employer('杭州余杭鸿达五金制品有限公司', REGIONS.yuhang, 25),
  youpinCommerce: employer('杭州拱墅优品电子商务有限公司', REGIONS.gongshu, 26),
  xiandaFresh: employer('杭州上城鲜达生鲜配送有限公司', REGIONS.shangcheng, 27),
  hazmat: [
    employer('杭州西湖安运危险品物流有限公司', REGIONS.xihu, 31),
    employer('杭州转塘化运物流有限公司', REGIONS.xihu, 32),
    employer('杭州留下危货运输有限公司', REGIONS.xihu, 33),
    employer('杭州双浦恒通危化品储运有限公司', REGIONS.xihu, 34),
  ],
} as const;

/** Home regions of household registration: 安徽太和, 四川安岳, 河南项城, 江西鄱阳, 浙江淳安, 贵州毕节七星关. */
const HOMES = ['341222', '512021', '411681', '361128', '330127', '520502'] as const;

let sequence = 0;
/** A worker with a valid resident ID (born on `birthDate`) and a mobile; `female` picks an even sequence digit. */
export function worker(name: string, birthDate: string, female = false): WorkerIdentityInput {
  sequence += 1;
  const home = HOMES[sequence % HOMES.length]!;
  const seq = 100 + sequence * 2 + (female ? 0 : 1);
  return { name, idNumber: makeResidentId(home, birthDate, seq), phone: makeMobile(3000 + sequence * 37) };
}

export const enterprise = (e: Employer) => ({ kind: 'enterprise' as const, name: e.name, uscc: e.uscc });
