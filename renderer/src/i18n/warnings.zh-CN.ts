/**
 * Warnings and import findings from the services, Simplified Chinese (see warnings.en.ts):
 * the same keys, and per key the placeholders of the English entry. Chinese has no plural
 * forms, so i18next always uses `<code>_other`; `_one` is kept with the English `_one`'s
 * placeholders so both catalogues have the same keys.
 */
export const warningsZh: Record<string, string> = {
  // shared pieces
  'list-more_zero': '',
  'list-more_one': '等（另有 {{count}} 个）',
  'list-more_other': '等（另有 {{count}} 个）',
  // map figures (src/figures/map)
  'figure-china-reference-missing': '无法绘制中国地图要素（台湾、香港、澳门和南海诸岛）：未提供参考边界。',
  'figure-palette-cycled_one': '配色 {{palette}} 的颜色少于 {{count}} 个类别；颜色将重复使用。',
  'figure-palette-cycled_other': '配色 {{palette}} 的颜色少于 {{count}} 个类别；颜色将重复使用。',
  'figure-panel-no-values': '面板 "{{panel}}" 没有 {{variable}} 的数值；其地区显示为无数据。',
  // import: cells the panel reader could not use
  'non-numeric-cell_one': '{{file}}：列 "{{column}}" 第 {{row}} 行的 {{cell}} 不是数字',
  'non-numeric-cell_other': '{{file}}：列 "{{column}}" 第 {{rowList}} 行$t(errors.list-more, {"count": {{moreCount}} })的 {{cellList}} 不是数字',
  'missing-id_one': '{{file}}：列 "{{column}}" 第 {{row}} 行（{{cell}}）缺少 id',
  'missing-id_other': '{{file}}：列 "{{column}}" 第 {{rowList}} 行$t(errors.list-more, {"count": {{moreCount}} })（{{cellList}}）缺少 id',
  'bad-time_one': '{{file}}：列 "{{column}}" 第 {{row}} 行的 {{cell}} 不是整数时期',
  'bad-time_other': '{{file}}：列 "{{column}}" 第 {{rowList}} 行$t(errors.list-more, {"count": {{moreCount}} })的 {{cellList}} 不是整数时期',
  // import: checks of the panel (warnings)
  'geometry-without-data': '几何区域 "{{id}}" 在 {{file}} 中没有数据{{hint}}',
  'period-gap': '所有地区都没有 {{ranges}} 的数据',
  gap: '{{id}}：缺少 {{ranges}} 的数据',
  unbalanced: '非平衡面板：{{regions}} 个地区中有 {{incomplete}} 个缺少部分时期（共 {{periods}} 期）',
  'missing-cells_one': '列 "{{column}}"：{{rows}} 个单元格中有 {{count}} 个缺失',
  'missing-cells_other': '列 "{{column}}"：{{rows}} 个单元格中有 {{count}} 个缺失',
  // import: the import service's findings
  'not-lonlat': '{{file}}：坐标不是经纬度（单位：{{units}}）；地图和大圆距离需要经纬度坐标',
  'text-columns_one': '{{file}}：文本列 {{columnList}} 未导入（不是数值）',
  'text-columns_other': '{{file}}：文本列 {{columnList}} 未导入（不是数值）',
  'ignored-columns_one': '{{file}}：列 {{columnList}} 未导入（宽格式只读取年份列）',
  'ignored-columns_other': '{{file}}：列 {{columnList}} 未导入（宽格式只读取年份列）',
  'matched-by-name_one': '{{file}}：{{count}} 个 id 按名称匹配到地区：{{matchList}}$t(errors.list-more, {"count": {{moreCount}} })',
  'matched-by-name_other': '{{file}}：{{count}} 个 id 按名称匹配到地区：{{matchList}}$t(errors.list-more, {"count": {{moreCount}} })',
  'interpolated_one': '{{file}}：{{count}} 个缺失单元格已用线性插值填补',
  'interpolated_other': '{{file}}：{{count}} 个缺失单元格已用线性插值填补',
  'replaces-values_one': '将替换 {{count}} 个已有的值',
  'replaces-values_other': '将替换 {{count}} 个已有的值',
  // weights
  'weights-islands': '{{count}} 个地区没有邻居（孤岛，W 中该行全为零）：{{idList}}$t(errors.list-more, {"count": {{moreCount}} })；如非预期，请用 links=A|B 添加手动连接。',
  'weights-file-positions-written': '区域编号（如 "{{id}}"）含有空格或引号，{{format}} 文件无法容纳：区域按其在数据中的顺序写为位置 1–{{n}}（表头行中的标识变量为 {{column}}），与 GeoDa 和 spdep 的做法相同；读取该文件时请保持相同的区域顺序。',
  'weights-file-positions': '{{source}} 将区域编号为 1–{{n}}{{named}}：按数据中的区域顺序视为位置（"1" = "{{first}}"）。',
  'weights-file-islands': '{{count}} 个地区没有邻居（孤岛，W 中该行全为零）：{{idList}}$t(errors.list-more, {"count": {{moreCount}} })。',
  'weights-geometry-without-data': '{{count}} 个几何区域没有数据，未纳入 W：{{idList}}$t(errors.list-more, {"count": {{moreCount}} })。',
  // regression
  'expression-missing_one': '{{expression}}：{{count}} 行因$t(errors.{{problem}})设为缺失',
  'expression-missing_other': '{{expression}}：{{count}} 行因$t(errors.{{problem}})设为缺失',
  'expr-problem-log': '对非正数取对数',
  'expr-problem-log10': '对非正数取 log10',
  'expr-problem-log2': '对非正数取 log2',
  'expr-problem-log1p': '对小于等于 −1 的值取 log1p',
  'expr-problem-sqrt': '对负数开平方',
  'expr-problem-division': '除以零',
  'expr-problem-growth': '以零值为基期计算增长率',
  'expr-problem-zscore': '对常数变量标准化',
  'expr-problem-other': '{{fn}} 没有得到有限值',
  'dropped-rows': '删除了 {{count}} 行（{{variables}} 中有缺失值）。',
  'dropped-rows-cluster': '删除了 {{count}} 行（{{variables}} 或聚类变量中有缺失值）。',
  'regression-median-split-region-mean': '按 {{split}} 的地区均值做中位数分组：中位数为 {{median}}；High（高组）= 高于中位数。',
  'regression-median-split-all': '按 {{split}} 的全部观测值做中位数分组：中位数为 {{median}}；High（高组）= 高于中位数。',
  'regression-in-column': '{{column}}：$t(errors.{{inner}})',
  // map figures
  'figure-missing-years_one': '{{count}} 个区域-时期缺少区间内的部分年份；{{aggregation}} 按现有年份计算。',
  'figure-missing-years_other': '{{count}} 个区域-时期缺少区间内的部分年份；{{aggregation}} 按现有年份计算。',
  'esda-missing-dropped': '{{label}}：{{count}} 个区域没有取值，已剔除：{{regions}}。',
  'esda-islands-dropped': '{{label}}：{{count}} 个区域没有邻居（孤岛），已剔除：{{regions}}。',
  'esda-residuals-data-changed': "运行 {{run}} 保存后项目数据已有变化；残差来自在当前数据上重新拟合的模型。",
  // GTWR (src/services/gwr)
  'gwr-rows-dropped_one': '1 个区域-年份缺少 {{variable}} 或解释变量的取值，未纳入 GTWR。',
  'gwr-rows-dropped_other': '{{count}} 个区域-年份缺少 {{variable}} 或解释变量的取值，未纳入 GTWR。',
};
