import { benchImport } from './import.ts';
import { printTable } from './lib/table.ts';
printTable('import', await benchImport('postgres://postgres@127.0.0.1:5432/eyhub_dev'));
