// Raw exports of the ChurnLens engine kernel. The host (src/lib/engine/wasm-engine.ts) allocates
// buffers with heapAlloc, writes inputs through pointers, and reads results from the exported
// pointers; no generated glue, no managed objects.
export { heapAlloc, heapReset, heapTop } from './heap';
export { setData, prepareTrain, setLeafCorrection } from './state';
export { treeShapRows, treeShapWorkBytes } from './treeshap';
export { trainTree, treeNodes, treeMaskWords } from './tree-builder';
export { routeRows } from './predict';
import * as S from './state';

export function nodeFeaturePtr(): usize { return S.nodeFeaturePtr; }
export function nodeSplitPtr(): usize { return S.nodeSplitPtr; }
export function nodeLeftPtr(): usize { return S.nodeLeftPtr; }
export function nodeRightPtr(): usize { return S.nodeRightPtr; }
export function nodeMissingLeftPtr(): usize { return S.nodeMissingLeftPtr; }
export function nodeValuePtr(): usize { return S.nodeValuePtr; }
export function nodeCoverPtr(): usize { return S.nodeCoverPtr; }
export function nodeCountPtr(): usize { return S.nodeCountPtr; }
export function catMasksPtr(): usize { return S.catMasksPtr; }
export function oobSumPtr(): usize { return S.oobSumPtr; }
export function oobCountPtr(): usize { return S.oobCountPtr; }
export function importancePtr(): usize { return S.importancePtr; }
/** Times each training position was drawn for the last tree (for checks of the bag). */
export function drawCountsPtr(): usize { return S.multPtr; }
