/**
 * Encrypts the secrets GoLive keeps (tokens of SCM, Jira, Jenkins, pipeline
 * secrets) before they are stored, and decrypts them when they are used.
 *
 * @public
 */
export interface SecretsCipher {
  /**
   * Encrypts a value into a self-describing string that is safe to store,
   * such as `v1:<iv>:<tag>:<ciphertext>`. Each call uses a fresh random IV,
   * so the same value never gives the same string twice.
   */
  encrypt(plaintext: string): string;

  /**
   * Decrypts a string made by {@link SecretsCipher.encrypt}. Throws an
   * `InputError` when the string is malformed, was altered, or was encrypted
   * with another key.
   */
  decrypt(encrypted: string): string;
}
