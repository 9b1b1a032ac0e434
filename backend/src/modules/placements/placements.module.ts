import { Module } from '@nestjs/common';
import { FollowUpsController, PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';

@Module({
  controllers: [PlacementsController, FollowUpsController],
  providers: [PlacementsService],
  exports: [PlacementsService],
})
export class PlacementsModule {}
