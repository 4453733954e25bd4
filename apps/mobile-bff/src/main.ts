import { runApp } from '@bff/platform-bootstrap';
import { mobileBffOptions } from './app/app.options';
import { AppModule } from './app/app.module';

void runApp(AppModule, mobileBffOptions);
