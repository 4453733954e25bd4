import { Module } from '@nestjs/common';
import { ConstantController } from './constant.controller';

@Module({
  controllers: [ConstantController],
})
export class ConstantModule {}
