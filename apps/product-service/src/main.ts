import { runApp } from '@bff/platform-bootstrap';
import { AppModule } from './app/app.module';
import { productServiceOptions } from './app/app.options';

void runApp(AppModule, productServiceOptions);
