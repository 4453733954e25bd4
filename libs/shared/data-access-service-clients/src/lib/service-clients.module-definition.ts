import { ConfigurableModuleBuilder } from '@nestjs/common';
import { SERVICE_CLIENTS_MODULE_OPTIONS } from './service-clients.constants';
import type { ServiceClientsModuleOptions } from './service-clients-options.interface';

export const { ConfigurableModuleClass, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<ServiceClientsModuleOptions>({
    optionsInjectionToken: SERVICE_CLIENTS_MODULE_OPTIONS,
  })
    .setClassMethodName('forRoot')
    // Clients are app-wide infrastructure: one import in the app module serves every feature.
    .setExtras({ isGlobal: true }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal,
    }))
    .build();
