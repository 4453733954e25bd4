import { runApp } from '@bff/platform-bootstrap';
import { AppModule } from './app/app.module';
import { orderServiceOptions } from './app/app.options';

void runApp(AppModule, orderServiceOptions);
