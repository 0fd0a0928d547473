/**
 * The deterministic demo company used by `npm start` and the tests: the same people, units, emails, phones and
 * hire dates on every run. All names and contact details are fictional.
 */
export interface DemoPerson {
  name: string;
  nameEn: string;
  email: string;
  phone: string;
  /** YYYY-MM-DD */
  hireDate: string;
}

export interface DemoTeam {
  key: string;
  /** Chinese */
  name: string;
  nameEn: string;
  manager: DemoPerson;
  reps: DemoPerson[];
}

export interface DemoRegion {
  key: string;
  name: string;
  nameEn: string;
  director: DemoPerson;
  teams: DemoTeam[];
}

export interface DemoCompany {
  name: string;
  nameEn: string;
  admin: DemoPerson;
  vp: DemoPerson;
  keyAccountManager: DemoPerson;
  customerService: DemoPerson;
  techSupport: DemoPerson;
  finance: DemoPerson;
  regions: DemoRegion[];
  distributor: { code: string; name: string; nameEn: string; regionKey: string; partner: DemoPerson };
  integration: { user: DemoPerson; apiKeyName: string };
}

export const DEMO_COMPANY: DemoCompany = {
  name: '华信工业科技有限公司',
  nameEn: 'Huaxin Industrial Technology Co., Ltd.',
  admin: { name: '系统管理员', nameEn: 'System Administrator', email: 'admin@huaxin.demo', phone: '+86 189 2587 3976', hireDate: '2012-01-01' },
  vp: { name: '王建国', nameEn: 'Jianguo Wang', email: 'jianguo.wang@huaxin.demo', phone: '+86 158 6406 5431', hireDate: '2012-05-11' },
  keyAccountManager: { name: '李慧敏', nameEn: 'Huimin Li', email: 'huimin.li@huaxin.demo', phone: '+86 187 8429 4066', hireDate: '2020-10-29' },
  customerService: { name: '张悦', nameEn: 'Yue Zhang', email: 'yue.zhang@huaxin.demo', phone: '+86 139 4672 5497', hireDate: '2017-03-14' },
  techSupport: { name: '刘志强', nameEn: 'Zhiqiang Liu', email: 'zhiqiang.liu@huaxin.demo', phone: '+86 135 9343 2876', hireDate: '2015-01-07' },
  finance: { name: '陈静', nameEn: 'Jing Chen', email: 'jing.chen@huaxin.demo', phone: '+86 150 9370 5131', hireDate: '2016-03-31' },
  regions: [
    {
      key: 'east',
      name: '华东',
      nameEn: 'East China',
      director: { name: '杨明辉', nameEn: 'Minghui Yang', email: 'minghui.yang@huaxin.demo', phone: '+86 176 3889 0054', hireDate: '2014-01-03' },
      teams: [
        {
          key: 'east-sh1',
          name: '上海一组',
          nameEn: 'Shanghai Team 1',
          manager: { name: '黄伟', nameEn: 'Wei Huang', email: 'wei.huang@huaxin.demo', phone: '+86 189 2835 6000', hireDate: '2016-07-15' },
          reps: [
            { name: '赵磊', nameEn: 'Lei Zhao', email: 'lei.zhao@huaxin.demo', phone: '+86 173 5870 7615', hireDate: '2016-02-24' },
            { name: '吴婷', nameEn: 'Ting Wu', email: 'ting.wu@huaxin.demo', phone: '+86 187 4885 2202', hireDate: '2025-03-24' },
            { name: '周浩然', nameEn: 'Haoran Zhou', email: 'haoran.zhou@huaxin.demo', phone: '+86 152 2744 5105', hireDate: '2019-12-20' },
            { name: '徐丽娜', nameEn: 'Lina Xu', email: 'lina.xu@huaxin.demo', phone: '+86 176 6007 4164', hireDate: '2016-05-12' },
          ],
        },
        {
          key: 'east-sh2',
          name: '上海二组',
          nameEn: 'Shanghai Team 2',
          manager: { name: '孙海涛', nameEn: 'Haitao Sun', email: 'haitao.sun@huaxin.demo', phone: '+86 158 6850 8003', hireDate: '2019-03-18' },
          reps: [
            { name: '马超', nameEn: 'Chao Ma', email: 'chao.ma@huaxin.demo', phone: '+86 189 4665 8878', hireDate: '2024-11-29' },
            { name: '朱晓燕', nameEn: 'Xiaoyan Zhu', email: 'xiaoyan.zhu@huaxin.demo', phone: '+86 157 8699 6712', hireDate: '2022-06-30' },
            { name: '胡斌', nameEn: 'Bin Hu', email: 'bin.hu@huaxin.demo', phone: '+86 150 9542 7655', hireDate: '2017-04-05' },
            { name: '郭佳怡', nameEn: 'Jiayi Guo', email: 'jiayi.guo@huaxin.demo', phone: '+86 176 1005 1250', hireDate: '2023-05-19' },
          ],
        },
        {
          key: 'east-hz',
          name: '杭州组',
          nameEn: 'Hangzhou Team',
          manager: { name: '何永刚', nameEn: 'Yonggang He', email: 'yonggang.he@huaxin.demo', phone: '+86 183 9520 8441', hireDate: '2018-09-28' },
          reps: [
            { name: '高鹏', nameEn: 'Peng Gao', email: 'peng.gao@huaxin.demo', phone: '+86 138 8735 4204', hireDate: '2016-06-02' },
            { name: '林雪', nameEn: 'Xue Lin', email: 'xue.lin@huaxin.demo', phone: '+86 137 2826 3291', hireDate: '2023-11-14' },
            { name: '罗俊杰', nameEn: 'Junjie Luo', email: 'junjie.luo@huaxin.demo', phone: '+86 139 4692 5661', hireDate: '2019-02-21' },
          ],
        },
      ],
    },
    {
      key: 'south',
      name: '华南',
      nameEn: 'South China',
      director: { name: '郑国华', nameEn: 'Guohua Zheng', email: 'guohua.zheng@huaxin.demo', phone: '+86 135 7427 7936', hireDate: '2014-07-16' },
      teams: [
        {
          key: 'south-gz',
          name: '广州组',
          nameEn: 'Guangzhou Team',
          manager: { name: '梁嘉欣', nameEn: 'Jiaxin Liang', email: 'jiaxin.liang@huaxin.demo', phone: '+86 158 1518 4495', hireDate: '2017-12-25' },
          reps: [
            { name: '谢文博', nameEn: 'Wenbo Xie', email: 'wenbo.xie@huaxin.demo', phone: '+86 138 3813 2378', hireDate: '2019-05-29' },
            { name: '宋雨桐', nameEn: 'Yutong Song', email: 'yutong.song@huaxin.demo', phone: '+86 150 5240 8033', hireDate: '2017-11-15' },
            { name: '唐凯', nameEn: 'Kai Tang', email: 'kai.tang@huaxin.demo', phone: '+86 177 5810 3139', hireDate: '2020-01-31' },
            { name: '许美玲', nameEn: 'Meiling Xu', email: 'meiling.xu@huaxin.demo', phone: '+86 136 7961 3022', hireDate: '2023-09-08' },
          ],
        },
        {
          key: 'south-sz',
          name: '深圳组',
          nameEn: 'Shenzhen Team',
          manager: { name: '韩立新', nameEn: 'Lixin Han', email: 'lixin.han@huaxin.demo', phone: '+86 138 2491 2152', hireDate: '2016-12-27' },
          reps: [
            { name: '冯子豪', nameEn: 'Zihao Feng', email: 'zihao.feng@huaxin.demo', phone: '+86 180 9062 1591', hireDate: '2022-02-01' },
            { name: '邓晓琳', nameEn: 'Xiaolin Deng', email: 'xiaolin.deng@huaxin.demo', phone: '+86 185 4973 5778', hireDate: '2022-04-22' },
            { name: '曹宇', nameEn: 'Yu Cao', email: 'yu.cao@huaxin.demo', phone: '+86 183 3472 4793', hireDate: '2018-05-30' },
            { name: '彭诗涵', nameEn: 'Shihan Peng', email: 'shihan.peng@huaxin.demo', phone: '+86 159 2015 7644', hireDate: '2022-06-24' },
          ],
        },
      ],
    },
    {
      key: 'north',
      name: '华北',
      nameEn: 'North China',
      director: { name: '曾庆丰', nameEn: 'Qingfeng Zeng', email: 'qingfeng.zeng@huaxin.demo', phone: '+86 158 7594 3243', hireDate: '2013-06-21' },
      teams: [
        {
          key: 'north-bj1',
          name: '北京一组',
          nameEn: 'Beijing Team 1',
          manager: { name: '肖红梅', nameEn: 'Hongmei Xiao', email: 'hongmei.xiao@huaxin.demo', phone: '+86 189 4273 1670', hireDate: '2016-01-22' },
          reps: [
            { name: '田昊', nameEn: 'Hao Tian', email: 'hao.tian@huaxin.demo', phone: '+86 183 1204 5661', hireDate: '2020-03-03' },
            { name: '董欣怡', nameEn: 'Xinyi Dong', email: 'xinyi.dong@huaxin.demo', phone: '+86 185 4099 6784', hireDate: '2020-09-25' },
            { name: '袁博', nameEn: 'Bo Yuan', email: 'bo.yuan@huaxin.demo', phone: '+86 137 3918 1535', hireDate: '2019-12-06' },
            { name: '潘志远', nameEn: 'Zhiyuan Pan', email: 'zhiyuan.pan@huaxin.demo', phone: '+86 157 9781 4298', hireDate: '2019-05-23' },
          ],
        },
        {
          key: 'north-bj2',
          name: '北京二组',
          nameEn: 'Beijing Team 2',
          manager: { name: '于振东', nameEn: 'Zhendong Yu', email: 'zhendong.yu@huaxin.demo', phone: '+86 183 2616 4577', hireDate: '2014-12-26' },
          reps: [
            { name: '蒋文静', nameEn: 'Wenjing Jiang', email: 'wenjing.jiang@huaxin.demo', phone: '+86 135 8375 1300', hireDate: '2021-07-30' },
            { name: '蔡明', nameEn: 'Ming Cai', email: 'ming.cai@huaxin.demo', phone: '+86 186 7746 1571', hireDate: '2018-11-21' },
            { name: '余思远', nameEn: 'Siyuan Yu', email: 'siyuan.yu@huaxin.demo', phone: '+86 176 8857 9470', hireDate: '2018-02-16' },
            { name: '杜鑫', nameEn: 'Xin Du', email: 'xin.du@huaxin.demo', phone: '+86 173 2492 1413', hireDate: '2023-01-06' },
          ],
        },
        {
          key: 'north-tj',
          name: '天津组',
          nameEn: 'Tianjin Team',
          manager: { name: '叶建军', nameEn: 'Jianjun Ye', email: 'jianjun.ye@huaxin.demo', phone: '+86 159 3435 8504', hireDate: '2018-09-21' },
          reps: [
            { name: '程晨', nameEn: 'Chen Cheng', email: 'chen.cheng@huaxin.demo', phone: '+86 152 8230 7111', hireDate: '2019-04-12' },
            { name: '苏琪', nameEn: 'Qi Su', email: 'qi.su@huaxin.demo', phone: '+86 159 9757 1554', hireDate: '2020-10-16' },
            { name: '魏嘉豪', nameEn: 'Jiahao Wei', email: 'jiahao.wei@huaxin.demo', phone: '+86 138 4415 4588', hireDate: '2020-04-10' },
          ],
        },
      ],
    },
  ],
  distributor: {
    code: 'D-GD-001',
    name: '粤通商贸有限公司',
    nameEn: 'Yuetong Trading Co., Ltd.',
    regionKey: 'south',
    partner: { name: '欧阳晓峰', nameEn: 'Xiaofeng Ouyang', email: 'xiaofeng.ouyang@yuetong.demo', phone: '+86 137 8122 4331', hireDate: '2020-01-14' },
  },
  integration: {
    user: { name: 'ERP集成账号', nameEn: 'ERP Integration', email: 'erp-integration@huaxin.demo', phone: '+86 139 3844 2013', hireDate: '2020-09-01' },
    apiKeyName: 'ERP 订单同步 / ERP order sync',
  },
};
