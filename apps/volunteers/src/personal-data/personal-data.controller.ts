import { parseRpc } from '@birgemiz/messaging';
import { applicationTokenRequestSchema, Patterns, type ErasureReceipt, type PersonalDataExport } from '@birgemiz/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PersonalDataService } from './personal-data.service';

@Controller()
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  @MessagePattern(Patterns.volunteers.personalDataExport)
  export(@Payload() payload: unknown): Promise<PersonalDataExport> {
    return this.personalData.export(parseRpc(applicationTokenRequestSchema, payload, 'params').token);
  }

  @MessagePattern(Patterns.volunteers.personalDataErase)
  erase(@Payload() payload: unknown): Promise<ErasureReceipt> {
    return this.personalData.erase(parseRpc(applicationTokenRequestSchema, payload, 'params').token);
  }
}
