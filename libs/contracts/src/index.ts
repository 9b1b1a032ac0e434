export * from './roles';
export * from './codes';
export * from './permissions';
export * from './api';
export * from './case-records';
export * from './reports';
export * from './labels';
