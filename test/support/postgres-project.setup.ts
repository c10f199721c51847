/** Jest setup file of the "postgresql" project: every test in it uses PostgreSQL read models (see read-model-backend.ts). */
process.env.READ_MODEL_DB = 'postgresql';
