import { registerEnumType } from 'type-graphql';

/** How one followed an opportunity up (跟进方式). */
export enum FollowUpKind {
  CALL = 'CALL',
  VISIT = 'VISIT',
  EMAIL = 'EMAIL',
  MEETING = 'MEETING',
  MESSAGE = 'MESSAGE',
  OTHER = 'OTHER',
}

registerEnumType(FollowUpKind, {
  name: 'FollowUpKind',
  valuesConfig: {
    CALL: { description: 'A phone call (电话).' },
    VISIT: { description: 'A visit (拜访); may link the visit form.' },
    EMAIL: { description: 'An e-mail (邮件).' },
    MEETING: { description: 'A meeting or presentation (会议).' },
    MESSAGE: { description: 'An instant message, e.g. WeChat (消息).' },
    OTHER: { description: 'Anything else.' },
  },
});
