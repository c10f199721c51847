import type { Random } from './random';

/**
 * The words real claims carry (see shared/seeds/): reseller platforms (卡盟), memberships that drop
 * (掉线), the errors the apps show, what buyers and agents write. Combined at random per claim.
 */
export const PLATFORMS = [
  'kameng-xingchen', 'yunduan-kapu', 'kuaichong-shuma', 'lanhai-kamen', 'jisu-kashang', 'haoyun-kawu',
  'tianyu-chongzhi', 'feiniao-kamall', 'jinniu-kaku', 'xiaoman-shuka', 'dongfang-kamen', 'beichen-kapin',
] as const;

export const PRODUCTS = [
  '爱奇艺黄金VIP会员月卡', '腾讯视频VIP年卡', '优酷酷喵会员季卡', '网易云音乐黑胶VIP月卡', 'B站大会员年卡', '芒果TV会员月卡',
  'QQ音乐绿钻豪华版月卡', '百度网盘超级会员月卡', 'WPS超级会员年卡', '喜马拉雅VIP月卡', '迅雷白金会员季卡', '知乎盐选会员年卡',
] as const;

const ERRORS = [
  '账号异常，请重新登录', '会员已失效，请重新开通', '登录设备数已达上限', '当前账号存在安全风险，已被限制使用',
  '网络错误（错误码 -1003）', '登录状态已过期', '该兑换码已被使用', '服务器繁忙，请稍后再试',
] as const;

const SYMPTOMS = ['开通约一小时后掉线', '第二天早上发现会员掉了', '看剧看到一半突然退出登录', '续费成功后会员时长没有增加', '充值后只生效了十分钟'];
const SUPPORT = ['客服一直没有回复', '客服说等待处理但没有下文', '商家让我重新下单', '平台客服机器人只会重复模板回答', '在线客服排队三个小时无人接入'];
const BUYERS = ['li-na', 'wang-fang', 'zhang-wei', 'liu-yang', 'chen-jing', 'yang-lei', 'zhao-min', 'huang-tao', 'zhou-xin', 'wu-hao'];
const AGENTS = ['zhao-lei', 'qian-feng', 'sun-li', 'zhou-qiang', 'wu-dan', 'zheng-kai'];

/** Per evidence kind, what a buyer writes about it. */
export const EVIDENCE_TEXTS = {
  PAYMENT_RECORD: ['支付宝付款记录截图，订单号与平台一致', '微信支付账单，金额与订单相符', '银行卡扣款短信截图'],
  SCREENSHOT: ['掉线时 App 报错截图', '会员中心显示“未开通”的截图', '登录页提示账号异常的截图'],
  CHAT_TRANSCRIPT: ['与平台客服的聊天记录，客服承认系统故障', '与卖家的对话记录，对方承诺补发未兑现'],
  SERVICE_LOG: ['播放器日志：鉴权失败 code=403', '客户端日志显示会员状态在凌晨被重置'],
} as const;

export const MESSAGES = {
  informationRequest: ['请补充支付宝或微信支付账单截图', '请提供掉线时的完整报错截图及发生时间', '请提供与卖家沟通的聊天记录'],
  followUp: ['已经超过48小时没有答复，请尽快处理', '请问我的申诉处理到哪一步了？', '再不处理我将向12315投诉'],
  rejection: ['未提供付款凭证，无法核实订单', '截图无法证明掉线发生在会员有效期内'],
  resubmission: ['已补充微信支付账单和掉线报错截图', '补充了银行扣款短信，请重新审核'],
  resolution: ['核实掉线属实，全额退款', '经核实部分时段不可用，按比例退款', '补偿会员时长72小时'],
  withdrawal: ['平台已自动补上会员时长', '卖家私下退款，撤回申诉'],
  closing: ['退款已到账，结案', '补偿已到账，结案'],
} as const;

/** One claimant among ~30,000: buyers file a few claims each. */
export function claimantOf(random: Random): string {
  return `buyer-${random.pick(BUYERS)}-${random.int(1, 3_000)}`;
}

export function agentOf(random: Random): string {
  return `agent-${random.pick(AGENTS)}`;
}

/** What the buyer writes when filing: where they bought what, what happened, what the app showed. */
export function incidentDescription(random: Random, product: string): string {
  return `在卡盟购买的${product}，${random.pick(SYMPTOMS)}，App 提示“${random.pick(ERRORS)}”，${random.pick(SUPPORT)}。`;
}
