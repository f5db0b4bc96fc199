//! WebSub publishing: telling a hub that feeds changed, so that it fetches
//! them and pushes the new entries to subscribers at once instead of
//! waiting for their next poll.
//!
//! WebSub (W3C Recommendation, 2018) leaves how a publisher notifies its
//! hub to the hub; what hubs accept is PubSubHubbub 0.4's form: a `POST`
//! of `hub.mode=publish` and the topic, `application/x-www-form-urlencoded`,
//! answered with a 2xx (Google's reference hub and Superfeedr answer 204).
//! Older hubs read the topic from `hub.url`, WebSub-era ones (and the
//! WordPress plugin) send `hub.topic`: each request carries both, with the
//! same value, so one request suits either. One request per topic: a hub
//! that accepts several `hub.url` in one request is not the rule, and a
//! refusal then names the one topic it is about.

use std::time::Duration;

use url::Url;

use crate::diagnostic::Diagnostic;

/// How long one notification may take, connection included: a hub that
/// hangs must not hang the build.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The most of a refusing hub's answer quoted in the error.
const BODY_EXCERPT_CHARS: usize = 300;

/// Notifies `hub` that each of `topics` (feed URLs) changed, one request
/// each, in order. Every topic is tried; the errors name the hub, the
/// topic, and the status and answer of a hub that refused, or why it could
/// not be reached.
pub(crate) fn publish(hub: &Url, topics: &[Url]) -> Result<(), Vec<Diagnostic>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        // A refusal is an answer to read and quote, not a transport error.
        .http_status_as_error(false)
        .user_agent(concat!("feedwright/", env!("CARGO_PKG_VERSION"), " (WebSub publisher)"))
        .build()
        .into();
    let errors: Vec<Diagnostic> = topics.iter().filter_map(|topic| publish_one(&agent, hub, topic).err()).collect();
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The form a hub is sent for `topic`.
pub(crate) fn form(topic: &Url) -> [(&'static str, &str); 3] {
    [("hub.mode", "publish"), ("hub.topic", topic.as_str()), ("hub.url", topic.as_str())]
}

fn publish_one(agent: &ureq::Agent, hub: &Url, topic: &Url) -> Result<(), Diagnostic> {
    let mut response = agent.post(hub.as_str()).send_form(form(topic)).map_err(|error| {
        Diagnostic::error(None, format!("could not reach the WebSub hub {hub} to announce {topic}: {error}"))
            .with_hint(
                "check `hub` under `[feeds]` in feedwright.toml and the network; \
                 run `feedwright ping` again once the hub is reachable",
            )
            .with_code("hub-unreachable")
    })?;
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let body = response.body_mut().with_config().limit(64 * 1024).lossy_utf8(true).read_to_string().unwrap_or_default();
    let excerpt = excerpt(&body);
    let answer = if excerpt.is_empty() { String::new() } else { format!(": {excerpt}") };
    Err(Diagnostic::error(
        None,
        format!("the WebSub hub {hub} refused to announce {topic}: HTTP {}{answer}", status.as_u16()),
    )
    .with_hint(match status.as_u16() {
        400..=499 => "the hub did not accept the request: check that `hub` is the hub's publish address and that it serves this topic's site",
        _ => "the hub failed: try `feedwright ping` again later",
    })
    .with_code("hub-refused"))
}

/// The start of a hub's answer, on one line, without control characters.
fn excerpt(body: &str) -> String {
    let one_line = crate::text::collapse_whitespace(&body.replace(char::is_control, " "));
    match one_line.char_indices().nth(BODY_EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_names_the_topic_both_ways() {
        let topic = Url::parse("https://example.com/feeds/rss.xml?a=1&b=2").unwrap();
        let form = form(&topic);
        assert_eq!(form[0], ("hub.mode", "publish"));
        assert_eq!(form[1].1, topic.as_str());
        assert_eq!(form[2], ("hub.url", topic.as_str()));
    }

    #[test]
    fn excerpts_are_one_short_line() {
        assert_eq!(excerpt("  bad\r\n\ttopic\u{0}  "), "bad topic");
        let long = "x".repeat(1000);
        assert_eq!(excerpt(&long).chars().count(), BODY_EXCERPT_CHARS + 1);
    }

    #[test]
    fn an_unreachable_hub_is_an_error_naming_hub_and_topic() {
        // A port nothing listens on: bound, then closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let hub = Url::parse(&format!("http://127.0.0.1:{port}/hub")).unwrap();
        let topic = Url::parse("https://example.com/feeds/atom.xml").unwrap();
        let errors = publish(&hub, &[topic.clone(), topic]).unwrap_err();
        assert_eq!(errors.len(), 2, "every topic is tried");
        let text = format!("{:?}", errors[0]);
        assert!(text.contains(&format!("127.0.0.1:{port}/hub")) && text.contains("feeds/atom.xml"), "{text}");
        assert!(text.contains("hub-unreachable"), "{text}");
    }
}
