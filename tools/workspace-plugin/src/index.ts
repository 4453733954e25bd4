export { bffGenerator, type BffGeneratorSchema } from './generators/bff/generator';
