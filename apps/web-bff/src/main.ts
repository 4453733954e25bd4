import { runApp } from '@bff/platform-bootstrap';
import { webBffOptions } from './app/app.options';
import { AppModule } from './app/app.module';

void runApp(AppModule, webBffOptions);
