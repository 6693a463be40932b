//! `dossier serve`: the binary started on a free port, asked over plain HTTP.
//!
//! Properties tested: pages answer with the right status and content; every response
//! carries the Content-Security-Policy and `nosniff`; a document whose title and text
//! hold markup shows it as text; a bad query is a 400 naming the fault and an unknown id
//! or entity a 404; methods other than GET and request bodies are refused; the JSON API
//! gives byte for byte what the command line prints; documents ingested while the server
//! runs are found without a restart; a non-loopback address prints a warning.

use std::collections::HashMap;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{self, data, stderr, Env};

/// A running server, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(env: &Env, bind: &str) -> Server {
        let port_file = env.path(&format!("port-{}", fastrand_suffix()));
        let child = Command::new(assert_cmd::cargo::cargo_bin("dossier"))
            .current_dir(util::root())
            .arg("--index")
            .arg(env.index())
            .args(["serve", "--bind", bind, "--port-file"])
            .arg(&port_file)
            .stdout(Stdio::null())
            .stderr(fs::File::create(env.path("serve.err")).unwrap())
            .spawn()
            .expect("start dossier serve");
        let mut server = Server { child, addr: String::new() };
        let started = Instant::now();
        while !port_file.exists() {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("serve exited with {status}: {}", read(&env.path("serve.err")));
            }
            assert!(started.elapsed() < Duration::from_secs(20), "serve did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        server.addr = fs::read_to_string(&port_file).unwrap().trim().to_string();
        server
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, None)
    }

    fn request(&self, method: &str, path: &str, body: Option<&str>) -> Reply {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut req =
            format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr);
        if let Some(b) = body {
            req.push_str(&format!("Content-Length: {}\r\nContent-Type: text/plain\r\n", b.len()));
        }
        req.push_str("\r\n");
        req.push_str(body.unwrap_or(""));
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of headers");
        let head = String::from_utf8(raw[..split].to_vec()).unwrap();
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_string()))
            .collect();
        Reply { status, headers, body: raw[split + 4..].to_vec() }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn fastrand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

fn read(p: &Path) -> String {
    fs::read_to_string(p).unwrap_or_default()
}

struct Reply {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("utf-8 body")
    }

    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or("")
    }
}

/// A document whose title and text try to inject markup.
fn hostile_document(env: &Env) -> std::path::PathBuf {
    let dir = env.path("hostile");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("evil.txt"),
        "<script>alert('t')</script>\"><img src=x onerror=alert(1)> Quillwort notice\n\
         The quillwort council met in Geneva on 12 May 2016. <script>alert('b')</script> \
         \"><img src=x onerror=alert(2)> closed the meeting.\n",
    )
    .unwrap();
    dir
}

fn assert_escaped(html: &str) {
    assert!(!html.contains("<script>alert"), "raw script tag in page");
    assert!(!html.contains("<img src=x"), "raw img tag in page");
    assert!(!html.contains("onerror=alert(1)>"), "raw attribute in page");
}

#[test]
fn pages_answer_with_headers_escaping_and_clear_errors() {
    let env = Env::new();
    let hostile = hostile_document(&env);
    env.ingest(&[&util::root().join("corpus"), &hostile]);
    let server = Server::start(&env, "127.0.0.1:0");

    let home = server.get("/");
    assert_eq!(home.status, 200);
    let csp = home.header("content-security-policy");
    assert_eq!(csp, dossier::Server::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(home.header("x-content-type-options"), "nosniff");
    assert_eq!(home.header("referrer-policy"), "no-referrer");
    let page = home.text();
    assert!(page.contains("<label for=\"q\">") && page.contains("id=\"q\""), "labelled field");
    assert!(page.contains("class=\"skip\" href=\"#main\""), "skip link");
    assert!(!page.contains("<script>") && !page.contains("style=\""), "inline script or style");

    let r = server.get("/?q=export+controls");
    assert_eq!(r.status, 200);
    let page = r.text();
    assert!(page.contains("href=\"/doc/trade/bis-export-controls-october-2022\""), "hit link");
    assert!(page.contains("<mark class=\"hit\">"), "terms marked");
    assert!(page.contains("aria-label=\"Facets\"") && page.contains("Years mentioned"));
    assert!(page.contains("documents match"));

    // Facet links add a filter, and the filtered page narrows the count.
    let facet = page
        .split("href=\"")
        .map(|s| &s[..s.find('"').unwrap()])
        .find(|h| h.contains("entity=") && h.contains("label=GPE"))
        .expect("a GPE facet link")
        .replace("&amp;", "&");
    let r = server.get(&facet);
    assert_eq!(r.status, 200, "{facet}");
    assert!(r.text().contains("Filters in force"), "{facet}");

    // Markup in a title or text is shown as text everywhere.
    for path in ["/?q=quillwort", "/doc/evil", "/timeline?q=quillwort", "/entity/GPE/Geneva"] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        let html = r.text();
        assert_escaped(&html);
        assert!(html.contains("&lt;script&gt;"), "{path}: the markup is not shown as text");
    }

    let doc = server.get("/doc/cyber/us-china-cyber-agreement-2015").text();
    assert!(doc.contains("<mark class=\"m PERSON\""), "entities marked");
    assert!(doc.contains("href=\"/entity/GPE/China\""), "entity links");
    let entity = server.get("/entity/GPE/China");
    assert_eq!(entity.status, 200);
    let html = entity.text();
    assert!(html.contains("Mentioned in") && html.contains("ISO code"), "entity page");
    assert!(html.contains("Written as") && html.contains("Named with it"));
    let timeline = server.get("/timeline?entity=China").text();
    assert!(timeline.contains("<svg") && timeline.contains("<rect class=\"bar\""), "chart");

    // Bad queries: 400 with the reason, the form kept; JSON under /api/.
    let r = server.get("/?q=%28a+AND+b");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("unbalanced parenthesis") && r.text().contains("id=\"q\""));
    let r = server.get("/api/search?q=%28a+AND+b");
    assert_eq!(r.status, 400);
    assert!(r.header("content-type").starts_with("application/json"));
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert!(v["error"].as_str().unwrap().contains("unbalanced parenthesis"), "{v}");
    for path in ["/?limit=0&q=x", "/?q=x&from=May", "/?nosuch=1", "/api/search?q=x&q=y"] {
        assert_eq!(server.get(path).status, 400, "{path}");
    }
    let long = format!("/?q={}", "w+".repeat(3000));
    assert_eq!(server.get(&long).status, 400, "too many words");

    // Unknown ids and entities: 404; a path in an id is only a lookup.
    for path in [
        "/doc/nope",
        "/doc/..%2F..%2Fetc%2Fpasswd",
        "/entity/GPE/Nowhereland",
        "/entity/THING/x",
        "/nothing/here",
    ] {
        assert_eq!(server.get(path).status, 404, "{path}");
    }
    let r = server.get("/api/doc/nope");
    assert_eq!(r.status, 404);
    assert!(serde_json::from_slice::<serde_json::Value>(&r.body).unwrap()["error"].is_string());

    // Read-only: other methods are refused, and so is any request body.
    assert_eq!(server.request("POST", "/", None).status, 405);
    assert_eq!(server.request("DELETE", "/doc/evil", None).status, 405);
    assert_eq!(server.request("GET", "/", Some("x=1")).status, 413);
    assert_eq!(server.request("POST", "/api/search", Some("{}")).status, 413);
    assert_eq!(server.get("/doc/evil").status, 200, "still there");

    let css = server.get("/assets/style.css");
    assert_eq!((css.status, css.header("content-type")), (200, "text/css; charset=utf-8"));
}

/// The API answers with the bytes the command line prints for the same parameters.
#[test]
fn api_gives_what_the_command_line_prints() {
    let env = Env::new();
    env.ingest(&[&util::root().join("corpus")]);
    let server = Server::start(&env, "127.0.0.1:0");
    let cases: &[(&str, &[&str])] = &[
        ("/api/search?q=cyber", &["search", "--json", "cyber"]),
        (
            "/api/search?q=nuclear+arms+control&facets=1&limit=3&offset=1",
            &[
                "search",
                "--json",
                "--facets",
                "--limit",
                "3",
                "--offset",
                "1",
                "nuclear arms control",
            ],
        ),
        (
            "/api/search?q=&entity=China&label=GPE&sort=date&from=2015&to=2023-06",
            &[
                "search", "--json", "--entity", "China", "--label", "GPE", "--sort", "date",
                "--from", "2015", "--to", "2023-06", "",
            ],
        ),
        (
            "/api/search?q=export+controls&all=1&mentions=2022&no_snippets=1",
            &[
                "search",
                "--json",
                "--all",
                "--mentions",
                "2022",
                "--no-snippets",
                "export controls",
            ],
        ),
        (
            "/api/doc/cyber/us-china-cyber-agreement-2015",
            &["show", "--json", "cyber/us-china-cyber-agreement-2015"],
        ),
        ("/api/entities", &["export", "entities"]),
        (
            "/api/entities?label=GPE,ORG&min_docs=2&query=chips",
            &["export", "entities", "--label", "GPE,ORG", "--min-docs", "2", "--query", "chips"],
        ),
        ("/api/timeline", &["export", "timeline"]),
        (
            "/api/timeline?entity=China&query=cyber",
            &["export", "timeline", "--entity", "China", "--query", "cyber"],
        ),
    ];
    for (path, args) in cases {
        let r = server.get(path);
        let out = env.cmd(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(r.status, 200, "{path}: {}", String::from_utf8_lossy(&r.body));
        assert!(r.header("content-type").starts_with("application/json"));
        assert!(r.body == out.stdout, "{path} differs from dossier {args:?}");
    }
}

#[test]
fn documents_ingested_while_serving_appear_without_a_restart() {
    let env = Env::new();
    env.ingest(&[&data("docs")]);
    let server = Server::start(&env, "127.0.0.1:0");
    let total = |s: &Server| -> u64 {
        let v: serde_json::Value =
            serde_json::from_slice(&s.get("/api/search?q=gribblethorn").body).unwrap();
        v["total"].as_u64().unwrap()
    };
    assert_eq!(total(&server), 0);
    let dir = env.path("later");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("late.txt"), "Late news\nThe gribblethorn survey was published.\n").unwrap();
    let (code, _) = env.ingest(&[&dir]);
    assert_eq!(code, 0);
    let started = Instant::now();
    while total(&server) == 0 {
        assert!(started.elapsed() < Duration::from_secs(15), "the new document never appeared");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.get("/doc/late").status, 200);
}

#[test]
fn counts_and_facets_kept_between_searches_follow_new_documents() {
    let env = Env::new();
    env.ingest(&[&data("docs")]);
    let server = Server::start(&env, "127.0.0.1:0");
    let search = |s: &Server, path: &str| -> serde_json::Value {
        serde_json::from_slice(&s.get(path).body).unwrap()
    };
    let path = "/api/search?q=library&facets=1&limit=1";
    let before = search(&server, path);
    let total = before["total"].as_u64().unwrap();
    assert!(total > 0);
    let paraguay = |v: &serde_json::Value| -> Option<u64> {
        let gpe = v["facets"]["entities"]["GPE"].as_array()?;
        gpe.iter().find(|c| c["value"] == "Paraguay").and_then(|c| c["documents"].as_u64())
    };
    assert_eq!(paraguay(&before), None);
    // The same counts again, on the first and on the next page, from what the server kept.
    assert_eq!(search(&server, path)["facets"], before["facets"]);
    let next = search(&server, &format!("{path}&offset=1"));
    assert_eq!((&next["total"], &next["facets"]), (&before["total"], &before["facets"]));
    assert!(server.get("/?q=library&facets=1").text().contains("documents match"));

    let dir = env.path("later");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("late.txt"),
        "Library news\nThe library of Asuncion in Paraguay opened a new wing.\n",
    )
    .unwrap();
    let (code, _) = env.ingest(&[&dir]);
    assert_eq!(code, 0);
    let started = Instant::now();
    let after = loop {
        let v = search(&server, path);
        if v["total"].as_u64().unwrap() == total + 1 {
            break v;
        }
        assert!(started.elapsed() < Duration::from_secs(15), "the counts never changed");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(paraguay(&after), Some(1), "{}", after["facets"]);
    let page = server.get("/?q=library&facets=1").text();
    assert!(page.contains(&format!("{} documents match", total + 1)), "{page}");
    assert!(page.contains("Paraguay"));
}

#[test]
fn listening_beyond_loopback_warns_that_there_is_no_authentication() {
    let env = Env::new();
    env.ingest(&[&data("docs")]);
    let server = Server::start(&env, "0.0.0.0:0");
    let err = read(&env.path("serve.err"));
    assert!(err.contains("warning") && err.contains("no authentication"), "{err}");
    drop(server);
    let quiet = Env::new();
    quiet.ingest(&[&data("docs")]);
    let server = Server::start(&quiet, "127.0.0.1:0");
    assert!(read(&quiet.path("serve.err")).is_empty());
    drop(server);
}
