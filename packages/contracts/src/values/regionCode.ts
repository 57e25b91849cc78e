import { z } from 'zod';
import { bilingual } from './common.js';

/** Province-level prefixes of GB/T 2260 行政区划代码, with their names. */
export const provinceNames: { readonly [prefix: string]: string } = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};

export const provincePrefixes: readonly string[] = Object.keys(provinceNames);

export function isValidRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && code.slice(0, 2) in provinceNames;
}

/** The province name for a region code, or undefined when the prefix is not a province. */
export function provinceOf(code: string): string | undefined {
  return provinceNames[code.slice(0, 2)];
}

export const regionCodeSchema = z
  .string({ error: bilingual('行政区划代码须为文本', 'region code must be text') })
  .trim()
  .regex(/^\d{6}$/, { error: bilingual('行政区划代码须为 6 位数字', 'region code must be 6 digits') })
  .refine((code) => isValidRegionCode(code), {
    error: bilingual('行政区划代码的省级前缀不存在', 'region code has no such province prefix'),
  });

export type RegionCode = string;

/**
 * A prefix of a 行政区划代码: 2 digits a province, 4 a city, 6 a district; its first two digits
 * must be a province. Reports filter by it (the hub's query, the console's region field).
 */
export const regionPrefixSchema = z
  .string()
  .regex(/^(\d{2}){1,3}$/, { error: bilingual('地区须为 2、4 或 6 位行政区划代码', 'region must be a 2-, 4- or 6-digit region code') })
  .refine((code) => code.slice(0, 2) in provinceNames, {
    error: bilingual('行政区划代码的省级前缀不存在', 'region code has no such province prefix'),
  });
