/**
 * Word lists the bench generator composes names from. All names are fictional; any likeness to a real company
 * is a coincidence of common words.
 */

/** [Chinese, pinyin] */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'],
  ['赵', 'Zhao'], ['吴', 'Wu'], ['周', 'Zhou'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'],
  ['郭', 'Guo'], ['何', 'He'], ['林', 'Lin'], ['罗', 'Luo'], ['高', 'Gao'], ['梁', 'Liang'], ['郑', 'Zheng'],
  ['谢', 'Xie'], ['宋', 'Song'], ['唐', 'Tang'], ['许', 'Xu'], ['韩', 'Han'], ['冯', 'Feng'], ['邓', 'Deng'],
  ['曹', 'Cao'], ['彭', 'Peng'], ['曾', 'Zeng'], ['肖', 'Xiao'], ['田', 'Tian'], ['董', 'Dong'], ['袁', 'Yuan'],
  ['潘', 'Pan'], ['于', 'Yu'], ['蒋', 'Jiang'], ['蔡', 'Cai'], ['余', 'Yu'], ['杜', 'Du'], ['叶', 'Ye'], ['程', 'Cheng'],
];

export const GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ['伟', 'Wei'], ['芳', 'Fang'], ['娜', 'Na'], ['敏', 'Min'], ['静', 'Jing'], ['强', 'Qiang'], ['磊', 'Lei'],
  ['洋', 'Yang'], ['艳', 'Yan'], ['勇', 'Yong'], ['军', 'Jun'], ['杰', 'Jie'], ['涛', 'Tao'], ['超', 'Chao'],
  ['明', 'Ming'], ['刚', 'Gang'], ['平', 'Ping'], ['辉', 'Hui'], ['鹏', 'Peng'], ['华', 'Hua'], ['飞', 'Fei'],
  ['鑫', 'Xin'], ['波', 'Bo'], ['斌', 'Bin'], ['宇', 'Yu'], ['浩', 'Hao'], ['凯', 'Kai'], ['健', 'Jian'],
  ['俊杰', 'Junjie'], ['志强', 'Zhiqiang'], ['晓东', 'Xiaodong'], ['海燕', 'Haiyan'], ['文博', 'Wenbo'],
  ['思远', 'Siyuan'], ['雨婷', 'Yuting'], ['子涵', 'Zihan'], ['嘉怡', 'Jiayi'], ['天佑', 'Tianyou'], ['欣然', 'Xinran'],
  ['建华', 'Jianhua'], ['丽华', 'Lihua'], ['永强', 'Yongqiang'], ['国庆', 'Guoqing'], ['春梅', 'Chunmei'],
];

/** Cities per region key of the demo company, with an area code used in made-up tax ids. */
export const CITIES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  east: [
    ['上海', '3101'], ['苏州', '3205'], ['杭州', '3301'], ['宁波', '3302'], ['无锡', '3202'], ['南京', '3201'],
    ['常州', '3204'], ['嘉兴', '3304'], ['绍兴', '3306'], ['合肥', '3401'], ['南通', '3206'], ['温州', '3303'],
  ],
  south: [
    ['广州', '4401'], ['深圳', '4403'], ['东莞', '4419'], ['佛山', '4406'], ['珠海', '4404'], ['中山', '4420'],
    ['惠州', '4413'], ['厦门', '3502'], ['福州', '3501'], ['南宁', '4501'], ['江门', '4407'], ['汕头', '4405'],
  ],
  north: [
    ['北京', '1101'], ['天津', '1201'], ['石家庄', '1301'], ['唐山', '1302'], ['保定', '1306'], ['廊坊', '1310'],
    ['济南', '3701'], ['青岛', '3702'], ['太原', '1401'], ['沈阳', '2101'], ['大连', '2102'], ['烟台', '3706'],
  ],
};

/** Trade names (字号). */
export const TRADE_NAMES: readonly string[] = [
  '恒泰', '华远', '金达', '永盛', '鼎新', '宏发', '瑞丰', '安捷', '博远', '正源', '天成', '弘毅', '联创', '汇通',
  '兴业', '同信', '嘉禾', '长青', '万达', '明阳', '新峰', '宇航', '凯瑞', '中科', '博瑞', '德润', '海纳', '盛世',
  '远航', '卓越', '锐思', '启明', '诚达', '和信', '众力', '精工', '立方', '华辰', '百川', '旭日', '云帆', '泰和',
  '东方', '银河', '昌隆', '福瑞', '广源', '润泽', '星辉', '科达', '宏图', '新元', '晶鑫', '振华', '通用', '迅捷',
  '圣邦', '利民', '华强', '金桥', '鸿运', '中联', '金盛', '伟业', '创新', '信达', '东升', '辰龙', '益丰', '一诺',
];

/** [business words in the name, industry stored on the customer] */
export const BUSINESSES: readonly (readonly [string, string])[] = [
  ['精密机械', '机械制造'], ['汽车零部件', '汽车'], ['电子科技', '电子'], ['新能源科技', '新能源'], ['食品', '食品饮料'],
  ['包装材料', '包装'], ['化工', '化工'], ['制药', '医药'], ['纺织', '纺织服装'], ['塑胶制品', '塑料橡胶'],
  ['电气', '电气设备'], ['钢结构', '建筑建材'], ['智能装备', '机械制造'], ['环保科技', '环保'], ['物流装备', '物流'],
  ['水务', '水务'], ['建材', '建筑建材'], ['电池', '新能源'], ['光伏', '新能源'], ['半导体', '电子'], ['家电', '家电'],
  ['印刷', '包装'], ['冶金', '冶金'], ['轨道交通设备', '轨道交通'],
];

export const LEGAL_FORMS: readonly string[] = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];

export const DISTRICTS: readonly string[] = ['经济技术开发区', '高新区', '工业园区', '新区', '滨海新区', '保税区'];
export const ROADS: readonly string[] = ['创业路', '科技大道', '工业大道', '振兴路', '发展大道', '新华路', '长江路', '黄河路'];

export const CUSTOMER_TAGS: readonly string[] = ['老客户', '展会', '招投标', '集团客户', '出口型', '技改项目', '价格敏感'];

export const PROJECT_KINDS: readonly string[] = [
  '产线自动化改造', '设备更新', '新厂建设', '节能改造', '备件年度采购', '控制系统升级', '扩产项目', '维保替换',
  '试验线', '数字化车间', '仓储自动化', '质量检测升级',
];

export const LOST_REASONS: readonly string[] = ['价格高于竞品', '预算取消', '选择了竞争对手', '项目延期', '技术方案不满足要求', '客户内部重组'];

export const CONTACT_TITLES: readonly string[] = ['总经理', '采购经理', '设备部经理', '技术总监', '生产厂长', '采购专员', '电气工程师', '财务经理'];

export const VISIT_PURPOSES: readonly string[] = ['需求沟通', '方案讲解', '技术交流', '商务谈判', '售后回访', '年度拜访', '新品推介'];

export const COMPLAINT_TITLES: readonly string[] = ['到货延迟', '产品故障', '配件缺失', '发票错误', '安装调试问题', '说明书不符'];
