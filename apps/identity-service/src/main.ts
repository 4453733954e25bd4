import { runApp } from '@bff/platform-bootstrap';
import { AppModule } from './app/app.module';
import { identityServiceOptions } from './app/app.options';

void runApp(AppModule, identityServiceOptions);
