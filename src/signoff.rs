//! Signing a finalised assessment: an `sshsig` signature (the format `ssh-keygen -Y sign`
//! writes, namespace `siegel-signoff`) over its content hash, made with the auditor's SSH key,
//! from the running ssh-agent or from an unencrypted key file. Verifying needs only the
//! public key.

use std::io::{Read, Write};

use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, Signature, SshSig};

/// What the signatures are for; `ssh-keygen -Y verify -n siegel-signoff` checks them.
pub const NAMESPACE: &str = "siegel-signoff";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("not an OpenSSH public key: {0}")]
    PublicKey(String),
    #[error("not an OpenSSH private key: {0}")]
    PrivateKey(String),
    #[error("the key file is encrypted")]
    Encrypted,
    #[error("the key does not belong to the auditor's public key")]
    OtherKey,
    #[error("no ssh-agent (SSH_AUTH_SOCK is not set)")]
    NoAgent,
    #[error("ssh-agent: {0}")]
    Agent(String),
    #[error("the agent does not hold the auditor's key")]
    KeyNotInAgent,
    #[error("signature: {0}")]
    Signature(String),
    #[error("a key of type {0}; siegel signs with ssh-ed25519 keys")]
    Algorithm(String),
}

/// Reads an OpenSSH public key line ("ssh-ed25519 AAAA… comment").
pub fn public_key(text: &str) -> Result<PublicKey, SignError> {
    PublicKey::from_openssh(text.trim()).map_err(|e| SignError::PublicKey(e.to_string()))
}

/// An auditor's key to register: an ed25519 public key, the kind siegel signs with.
pub fn signing_key(text: &str) -> Result<PublicKey, SignError> {
    // Named before parsing: other kinds of key are not compiled in, and would only read
    // as "unknown algorithm".
    let kind = text.split_whitespace().next().unwrap_or_default();
    let other_kind = ["ssh-rsa", "ssh-dss", "ecdsa-sha2-", "sk-", "rsa-sha2-"]
        .iter()
        .any(|prefix| kind.starts_with(prefix));
    if other_kind {
        return Err(SignError::Algorithm(kind.to_string()));
    }
    let key = public_key(text)?;
    if key.algorithm() != ssh_key::Algorithm::Ed25519 {
        return Err(SignError::Algorithm(key.algorithm().to_string()));
    }
    Ok(key)
}

/// "SHA256:…" of a public key.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// Signs `message` with the unencrypted private key in `text`, which must belong to `public`.
pub fn sign_with_file(text: &str, public: &PublicKey, message: &[u8]) -> Result<String, SignError> {
    let private =
        PrivateKey::from_openssh(text).map_err(|e| SignError::PrivateKey(e.to_string()))?;
    if private.is_encrypted() {
        return Err(SignError::Encrypted);
    }
    if private.public_key().key_data() != public.key_data() {
        return Err(SignError::OtherKey);
    }
    let signature = private
        .sign(NAMESPACE, HashAlg::Sha512, message)
        .map_err(|e| SignError::Signature(e.to_string()))?;
    pem(&signature)
}

fn pem(signature: &SshSig) -> Result<String, SignError> {
    signature
        .to_pem(LineEnding::LF)
        .map_err(|e| SignError::Signature(e.to_string()))
}

/// Signs `message` with `public`'s key held by the ssh-agent at `SSH_AUTH_SOCK`.
pub fn sign_with_agent(public: &PublicKey, message: &[u8]) -> Result<String, SignError> {
    let socket = std::env::var_os("SSH_AUTH_SOCK").ok_or(SignError::NoAgent)?;
    let agent = |e: std::io::Error| SignError::Agent(e.to_string());
    let mut stream = std::os::unix::net::UnixStream::connect(socket).map_err(agent)?;
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .map_err(agent)?;
    let data = SshSig::signed_data(NAMESPACE, HashAlg::Sha512, message)
        .map_err(|e| SignError::Signature(e.to_string()))?;
    let blob = public
        .to_bytes()
        .map_err(|e| SignError::PublicKey(e.to_string()))?;
    // SSH2_AGENTC_SIGN_REQUEST: key blob, data, flags.
    let mut request = vec![13u8];
    put_string(&mut request, &blob);
    put_string(&mut request, &data);
    request.extend_from_slice(&0u32.to_be_bytes());
    let mut framed = (request.len() as u32).to_be_bytes().to_vec();
    framed.extend_from_slice(&request);
    stream.write_all(&framed).map_err(agent)?;
    let mut length = [0u8; 4];
    stream.read_exact(&mut length).map_err(agent)?;
    let length = u32::from_be_bytes(length) as usize;
    if length == 0 || length > 64 * 1024 {
        return Err(SignError::Agent(format!("an answer of {length} bytes")));
    }
    let mut answer = vec![0u8; length];
    stream.read_exact(&mut answer).map_err(agent)?;
    // SSH2_AGENT_SIGN_RESPONSE carries the signature; SSH_AGENT_FAILURE means no such key.
    match answer.first() {
        Some(14) => {}
        Some(5) => return Err(SignError::KeyNotInAgent),
        other => return Err(SignError::Agent(format!("unexpected answer {other:?}"))),
    }
    let blob = get_string(&answer[1..]).ok_or_else(|| SignError::Agent("short answer".into()))?;
    let signature = Signature::try_from(blob).map_err(|e| SignError::Signature(e.to_string()))?;
    let sshsig = SshSig::new(
        public.key_data().clone(),
        NAMESPACE,
        HashAlg::Sha512,
        signature,
    )
    .map_err(|e| SignError::Signature(e.to_string()))?;
    // What the agent made is checked before it is kept.
    verify(public, message, &pem(&sshsig)?)?;
    pem(&sshsig)
}

fn put_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

fn get_string(bytes: &[u8]) -> Option<&[u8]> {
    let length = u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    bytes.get(4..4 + length)
}

/// Checks an sshsig signature (PEM) of `message` by `public`.
pub fn verify(public: &PublicKey, message: &[u8], signature: &str) -> Result<(), SignError> {
    let signature = SshSig::from_pem(signature).map_err(|e| SignError::Signature(e.to_string()))?;
    public
        .verify(NAMESPACE, message, &signature)
        .map_err(|e| SignError::Signature(e.to_string()))
}
