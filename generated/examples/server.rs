//! A runnable service on the generated server: an in-memory store that assigns ids.
//!
//! ```sh
//! cargo run --manifest-path generated/Cargo.toml --example server -- --listen 127.0.0.1:8080 --token TOKEN
//! ```
//!
//! It accepts only `Authorization: Bearer TOKEN` and serves the spec's paths under `/beta`.

#[path = "../tests/support/in_memory.rs"]
mod in_memory;
#[path = "../tests/support/query.rs"]
mod query;

use device_compliance_user_status::server::router;
use std::sync::Arc;

const USAGE: &str = "usage: server --listen ADDRESS:PORT --token TOKEN";

fn arguments() -> Result<(String, String), String> {
    let mut listen = None;
    let mut token = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--listen" => listen = Some(value),
            "--token" => token = Some(value),
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    match (listen, token) {
        (Some(listen), Some(token)) if !token.is_empty() => Ok((listen, token)),
        _ => Err("both --listen and a non-empty --token are required".into()),
    }
}

#[tokio::main]
async fn main() {
    let (listen, token) = match arguments() {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(&listen).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: cannot listen on {listen}: {error}");
            std::process::exit(1);
        }
    };
    let service = Arc::new(in_memory::InMemory::new(token));
    eprintln!("serving on http://{}/beta", listener.local_addr().map_or(listen, |a| a.to_string()));
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(error) = axum_serve(listener, router(service), shutdown).await {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

async fn axum_serve(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}
