import { Module } from '@nestjs/common';
import { FaultInjectionModule } from '@bff/services/platform-fault-injection';
import { DiscoveryController } from './discovery/discovery.controller';
import { IssuerService } from './discovery/issuer.service';
import { SigningKeysService } from './keys/signing-keys.service';
import { TokenController } from './token/token.controller';
import { TokenService } from './token/token.service';
import { UsersService } from './users/users.service';

@Module({
  controllers: [DiscoveryController, TokenController],
  imports: [FaultInjectionModule.forRoot()],
  providers: [IssuerService, SigningKeysService, TokenService, UsersService],
})
export class AppModule {}
