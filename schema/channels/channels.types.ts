import { ObjectType } from 'type-graphql';
import { Connection } from '../../api/pagination';
import { ChannelConflict } from './entities/channel-conflict.entity';
import { SellThroughReport } from './entities/sell-through-report.entity';

@ObjectType()
export class SellThroughReportConnection extends Connection(SellThroughReport, 'SellThroughReport') {}

@ObjectType()
export class ChannelConflictConnection extends Connection(ChannelConflict, 'ChannelConflict') {}
