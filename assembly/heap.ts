// Bump allocator over linear memory. The host lays out its buffers once per data set / batch and
// rewinds with heapReset; nothing here is freed piecemeal, so hot loops never allocate.

let top: usize = 0;

function base(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/** Rewind the heap to `to` (0 = the start of free memory). */
export function heapReset(to: usize): void {
  top = to == 0 ? base() : to;
}

export function heapTop(): usize {
  if (top == 0) top = base();
  return top;
}

/** 16-byte aligned, zero-filled block; grows memory as needed. Returns 0 when memory cannot grow. */
export function heapAlloc(bytes: usize): usize {
  const p = (heapTop() + 15) & ~(<usize>15);
  const end = p + bytes;
  const have = (<usize>memory.size()) << 16;
  if (end > have) {
    const pages = <i32>((end - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) return 0;
  }
  memory.fill(p, 0, bytes);
  top = end;
  return p;
}
