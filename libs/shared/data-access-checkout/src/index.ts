export { CheckoutModule } from './lib/checkout.module';
export { CheckoutService } from './lib/checkout.service';
export { shortLines, type ShortLine } from './lib/short-lines.util';
export { CHECKOUT_LIMITS, CheckoutDto, CheckoutLineDto } from './lib/checkout.dto';
