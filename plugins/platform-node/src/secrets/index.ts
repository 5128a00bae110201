export type { SecretsCipher } from './SecretsCipher';
export { AesGcmSecretsCipher } from './AesGcmSecretsCipher';
export { secretsCipherServiceRef } from './secretsCipherServiceRef';
export { parseEncryptionKey } from './parseEncryptionKey';
export {
  selectEncryptionKeySource,
  type EncryptionKeySource,
} from './selectEncryptionKeySource';
export { SecretRedactor } from './SecretRedactor';
export { createRedactingTransform } from './createRedactingTransform';
export { MIN_SECRET_LENGTH } from './redactionPatterns';
