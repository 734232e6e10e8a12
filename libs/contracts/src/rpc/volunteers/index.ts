export * from './form-fields';
export * from './profile-fields';
export * from './applications';
export * from './volunteers';
export * from './campaigns';
export * from './personal-data';
