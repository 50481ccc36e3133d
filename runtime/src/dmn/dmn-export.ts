/** exportDmn(model) → DMN XML: what was imported (minus what the import reported) or built here. */
import type { DmnModel } from './dmn-load.js';
import type { DmnDefinitions } from './dmn-model.js';
import { writeDmn } from './dmn-write.js';

export function exportDmn(model: DmnModel | DmnDefinitions): string {
  return writeDmn('definitions' in model ? model.definitions : model);
}
