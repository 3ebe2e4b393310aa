// Messages of the engine domain. Keys are 'engine.something'; en and zh must have the same keys.
export const en: Record<string, string> = {
  'engine.workerFailed':
    'A training worker stopped unexpectedly ({reason}). This usually means the browser ran out of memory. Try fewer trees, a larger minimum leaf size or a maximum depth, or fewer worker threads, then train again.',
  'engine.loadFailed':
    'The model engine (WebAssembly) could not be started ({reason}). Reload the page and try again. If it keeps failing, the app\'s files may be incomplete (clear this site\'s data, then open the app again) or this browser may block WebAssembly.',
  'engine.outOfMemory':
    'The model engine could not get enough memory (about {mb} MB in use). Try fewer rows or columns, a larger minimum leaf size or a maximum depth.',
  'engine.noTrainingRows':
    'There are no training rows: every row was held out or has no target value. Lower the test share or check the target column.',
  'engine.noTrees': 'The model contains no trees, so it cannot score customers. Train the model again or load another model file.',
  'engine.badTree':
    'Tree {tree} of the model is damaged (a branch points outside the tree or loops back). The model file may have been edited or truncated; train the model again or load the original file.',
};

export const zh: Record<string, string> = {
  'engine.workerFailed':
    '训练线程意外停止（{reason}），通常是浏览器内存不足。请减少树的数量、增大最小叶节点样本数或设置最大深度，或减少线程数后重新训练。',
  'engine.loadFailed':
    '模型引擎（WebAssembly）无法启动（{reason}）。请刷新页面后重试；如仍失败，可能是应用文件不完整（请清除本站数据后重新打开），或浏览器禁用了 WebAssembly。',
  'engine.outOfMemory':
    '模型引擎无法获得足够的内存（已用约 {mb} MB）。请减少行数或列数，增大最小叶节点样本数，或设置最大深度。',
  'engine.noTrainingRows': '没有可用于训练的行：所有行都被划入测试集，或目标列为空。请调低测试集比例，或检查目标列。',
  'engine.noTrees': '模型中没有任何决策树，无法为客户打分。请重新训练，或加载其他模型文件。',
  'engine.badTree':
    '模型的第 {tree} 棵树已损坏（分支指向树外或形成循环）。模型文件可能被修改或截断；请重新训练，或加载原始模型文件。',
};
