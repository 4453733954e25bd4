import { runApp } from '@bff/platform-bootstrap';
import { AppModule } from './app/app.module';
import { inventoryServiceOptions } from './app/app.options';

void runApp(AppModule, inventoryServiceOptions);
