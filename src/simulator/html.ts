/** @module simulator/html The small HTML page gateways and wrong paths answer with (no imports: faults use it too). */

/** A small HTML page, as gateways and wrong paths answer. */
export function htmlPage(status: number, title: string): string {
  return `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body><center><h1>${status} ${title}</h1></center><hr><center>chatproof simulator</center></body></html>\n`;
}
