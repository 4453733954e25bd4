export { after, compose, optional, required } from './lib/compose';
export type {
  ComposeOptions,
  Composed,
  OptionalPart,
  Part,
  PartContext,
  PartFn,
  PartOptions,
  Parts,
  RequiredPart,
} from './lib/compose';
export { createLoader } from './lib/loader';
export type { Loader, LoaderOptions } from './lib/loader';
