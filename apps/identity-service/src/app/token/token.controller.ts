import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { BffError } from '@bff/util-errors';
import { UsersService } from '../users/users.service';
import { TokenRequestDto } from './dto/token-request.dto';
import type { TokenResponse } from './token-response.interface';
import { TokenService } from './token.service';

@ApiTags('token')
@Controller('token')
export class TokenController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Signs in a demo user and returns an access token' })
  @ApiOkResponse({ description: '{ access_token, token_type: "Bearer", expires_in }' })
  @ApiUnauthorizedResponse({ description: 'Unknown user or wrong password' })
  issue(@Body() body: TokenRequestDto): Promise<TokenResponse> {
    const user = this.users.verify(body.username, body.password);
    if (!user) {
      throw new BffError('BFF_ERR_UNAUTHORIZED', { detail: 'Unknown user or wrong password' });
    }
    return this.tokens.issue(user);
  }
}
