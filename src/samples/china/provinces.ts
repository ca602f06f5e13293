/**
 * Static table of China's 31 mainland provincial-level divisions (provinces, autonomous
 * regions, municipalities): GB/T 2260 adcode, Chinese full and short names, English name,
 * capital city (Chinese/English) with its lon/lat in WGS84 degrees (city centre, to about
 * 0.01°–0.1°), and the National Bureau of Statistics four-region grouping
 * (东部 East, 中部 Central, 西部 West, 东北 Northeast) as used in NBS yearbooks since 2011.
 * Taiwan, Hong Kong and Macao are not part of the table (the yearbook panels in this
 * literature cover the 31 mainland divisions).
 */

/** NBS four-region group. */
export type NbsRegion = 'East' | 'Central' | 'West' | 'Northeast';

/** The four NBS groups in yearbook order. */
export const NBS_REGIONS: readonly NbsRegion[] = Object.freeze(['East', 'Central', 'West', 'Northeast'] as const);

/** Chinese names of the NBS groups. */
export const NBS_REGION_ZH: Readonly<Record<NbsRegion, string>> = Object.freeze({
  East: '东部', Central: '中部', West: '西部', Northeast: '东北',
});

/** One mainland province-level division. */
export interface Province {
  /** 6-digit GB/T 2260 administrative division code, e.g. '150000'. */
  readonly adcode: string;
  /** Full Chinese name, e.g. 内蒙古自治区. */
  readonly nameZh: string;
  /** Short Chinese name as used on maps and in echarts, e.g. 内蒙古. */
  readonly shortZh: string;
  /** English name, e.g. Inner Mongolia. */
  readonly nameEn: string;
  readonly capitalZh: string;
  readonly capitalEn: string;
  /** Capital longitude, WGS84 degrees. */
  readonly capitalLon: number;
  /** Capital latitude, WGS84 degrees. */
  readonly capitalLat: number;
  readonly group: NbsRegion;
}

type Row = [string, string, string, string, string, string, number, number, NbsRegion];

// adcode, full name, short name, English, capital zh, capital en, lon, lat, NBS group
const ROWS: readonly Row[] = [
  ['110000', '北京市', '北京', 'Beijing', '北京', 'Beijing', 116.41, 39.90, 'East'],
  ['120000', '天津市', '天津', 'Tianjin', '天津', 'Tianjin', 117.20, 39.13, 'East'],
  ['130000', '河北省', '河北', 'Hebei', '石家庄', 'Shijiazhuang', 114.51, 38.04, 'East'],
  ['140000', '山西省', '山西', 'Shanxi', '太原', 'Taiyuan', 112.55, 37.87, 'Central'],
  ['150000', '内蒙古自治区', '内蒙古', 'Inner Mongolia', '呼和浩特', 'Hohhot', 111.75, 40.84, 'West'],
  ['210000', '辽宁省', '辽宁', 'Liaoning', '沈阳', 'Shenyang', 123.43, 41.80, 'Northeast'],
  ['220000', '吉林省', '吉林', 'Jilin', '长春', 'Changchun', 125.32, 43.88, 'Northeast'],
  ['230000', '黑龙江省', '黑龙江', 'Heilongjiang', '哈尔滨', 'Harbin', 126.63, 45.75, 'Northeast'],
  ['310000', '上海市', '上海', 'Shanghai', '上海', 'Shanghai', 121.47, 31.23, 'East'],
  ['320000', '江苏省', '江苏', 'Jiangsu', '南京', 'Nanjing', 118.80, 32.06, 'East'],
  ['330000', '浙江省', '浙江', 'Zhejiang', '杭州', 'Hangzhou', 120.16, 30.27, 'East'],
  ['340000', '安徽省', '安徽', 'Anhui', '合肥', 'Hefei', 117.23, 31.82, 'Central'],
  ['350000', '福建省', '福建', 'Fujian', '福州', 'Fuzhou', 119.30, 26.08, 'East'],
  ['360000', '江西省', '江西', 'Jiangxi', '南昌', 'Nanchang', 115.86, 28.68, 'Central'],
  ['370000', '山东省', '山东', 'Shandong', '济南', 'Jinan', 117.00, 36.65, 'East'],
  ['410000', '河南省', '河南', 'Henan', '郑州', 'Zhengzhou', 113.63, 34.75, 'Central'],
  ['420000', '湖北省', '湖北', 'Hubei', '武汉', 'Wuhan', 114.31, 30.59, 'Central'],
  ['430000', '湖南省', '湖南', 'Hunan', '长沙', 'Changsha', 112.94, 28.23, 'Central'],
  ['440000', '广东省', '广东', 'Guangdong', '广州', 'Guangzhou', 113.26, 23.13, 'East'],
  ['450000', '广西壮族自治区', '广西', 'Guangxi', '南宁', 'Nanning', 108.37, 22.82, 'West'],
  ['460000', '海南省', '海南', 'Hainan', '海口', 'Haikou', 110.20, 20.04, 'East'],
  ['500000', '重庆市', '重庆', 'Chongqing', '重庆', 'Chongqing', 106.55, 29.56, 'West'],
  ['510000', '四川省', '四川', 'Sichuan', '成都', 'Chengdu', 104.07, 30.66, 'West'],
  ['520000', '贵州省', '贵州', 'Guizhou', '贵阳', 'Guiyang', 106.63, 26.65, 'West'],
  ['530000', '云南省', '云南', 'Yunnan', '昆明', 'Kunming', 102.71, 25.04, 'West'],
  ['540000', '西藏自治区', '西藏', 'Tibet', '拉萨', 'Lhasa', 91.11, 29.65, 'West'],
  ['610000', '陕西省', '陕西', 'Shaanxi', '西安', "Xi'an", 108.94, 34.34, 'West'],
  ['620000', '甘肃省', '甘肃', 'Gansu', '兰州', 'Lanzhou', 103.83, 36.06, 'West'],
  ['630000', '青海省', '青海', 'Qinghai', '西宁', 'Xining', 101.78, 36.62, 'West'],
  ['640000', '宁夏回族自治区', '宁夏', 'Ningxia', '银川', 'Yinchuan', 106.23, 38.49, 'West'],
  ['650000', '新疆维吾尔自治区', '新疆', 'Xinjiang', '乌鲁木齐', 'Urumqi', 87.62, 43.83, 'West'],
];

/** The 31 mainland provincial-level divisions, ordered by adcode. */
export const PROVINCES: readonly Province[] = Object.freeze(
  ROWS.map(([adcode, nameZh, shortZh, nameEn, capitalZh, capitalEn, capitalLon, capitalLat, group]) =>
    Object.freeze({ adcode, nameZh, shortZh, nameEn, capitalZh, capitalEn, capitalLon, capitalLat, group })),
);

const BY_ADCODE = new Map(PROVINCES.map((p) => [p.adcode, p]));
const BY_PREFIX = new Map(PROVINCES.map((p) => [p.adcode.slice(0, 2), p]));

/** The province with this 6-digit adcode, or undefined (also for Taiwan, Hong Kong, Macao). */
export function provinceByAdcode(adcode: string): Province | undefined {
  return BY_ADCODE.get(adcode);
}

/**
 * The province whose adcode starts with the first two digits of a GB/T 2260 code
 * (e.g. '340100' → Anhui), or undefined when the prefix is not a mainland province.
 */
export function provinceOfCode(code: string): Province | undefined {
  return /^\d{6}$/.test(code) ? BY_PREFIX.get(code.slice(0, 2)) : undefined;
}
