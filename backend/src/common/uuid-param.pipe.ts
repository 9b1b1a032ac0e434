import { Injectable, NotFoundException, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/** A malformed id cannot name a record: 404, exactly like an id that does not exist. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new NotFoundException('Not found.');
    return value.toLowerCase();
  }
}
