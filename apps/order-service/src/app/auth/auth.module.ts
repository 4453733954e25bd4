import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { ScopesGuard } from './scopes.guard';

@Module({
  exports: [JwtAuthGuard, ScopesGuard],
  imports: [PassportModule.register({ session: false })],
  providers: [JwtAuthGuard, JwtStrategy, ScopesGuard],
})
export class AuthModule {}
