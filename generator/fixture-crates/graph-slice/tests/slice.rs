//! The crate generated from graph-slice.yaml through graph-slice.select, over TCP: a directory
//! object of a type the selection left out (a group) decodes into the catch-all and goes back
//! out byte for byte, and a request carrying one is refused with a 400 that names its
//! `@odata.type`; the stream of a paged collection's items across three pages; and the 501
//! an operation answers that the service does not implement (its area's default).

use fixture_graph_slice::client::{Client, ClientError};
use futures_util::Stream;
use fixture_graph_slice::operations::*;
use fixture_graph_slice::server::{router, Authorize, HeaderMap, RequestContext, Service, ServiceError};
use fixture_graph_slice::{DirectoryObject, User, UserCollectionResponse};
use std::sync::{Arc, Mutex};

/// A group as the whole Graph sends one: a type this crate was not generated with.
const GROUP: &str = r##"{"@odata.type":"#microsoft.graph.group","id":"g1","displayName":"Team","mailEnabled":false,"members":[{"@odata.type":"#microsoft.graph.user","id":"u1"}],"deletedDateTime":null}"##;

#[derive(Default)]
struct Directory {
    stored: Mutex<Vec<DirectoryObject>>,
    /// The server's base URL, for the next links it gives.
    base: Mutex<String>,
    /// How many pages of users were asked for.
    pages: Mutex<usize>,
    /// Where the third page's next link points: nowhere, or another origin.
    third_links_to: Mutex<Option<String>>,
}

impl Authorize for Directory {
    async fn authorize(&self, _: &str, _: &HeaderMap) -> Result<(), ServiceError> {
        Ok(())
    }
}

impl Service for Directory {
    async fn list_user(&self, _: RequestContext, _: ListUserParams) -> Result<ListUserResponse, ServiceError> {
        // Three pages of two users, each linking the next; the third as the test says.
        let page = {
            let mut pages = self.pages.lock().unwrap();
            *pages += 1;
            *pages
        };
        let user = |n: usize| User {
            id: Some(format!("u{n}")),
            odata_type: User::ODATA_TYPE.into(),
            deleted_date_time: None,
            display_name: Some(format!("user{n}")),
            account_enabled: None,
        };
        let next = match page {
            1 | 2 => Some(format!("{}/users?page={}", self.base.lock().unwrap(), page + 1)),
            _ => self.third_links_to.lock().unwrap().clone(),
        };
        Ok(ListUserResponse::Ok(UserCollectionResponse { value: Some(vec![user(2 * page - 1), user(2 * page)]), odata_next_link: Some(next) }))
    }

    async fn create_user(&self, _: RequestContext, _: CreateUserParams, body: User) -> Result<CreateUserResponse, ServiceError> {
        Ok(CreateUserResponse::Created(body))
    }

    async fn get_user(&self, _: RequestContext, params: GetUserParams) -> Result<GetUserResponse, ServiceError> {
        Err(ServiceError::not_found(format!("No user {}.", params.user_id)))
    }

    async fn get_directory_object(&self, _: RequestContext, _: GetDirectoryObjectParams) -> Result<GetDirectoryObjectResponse, ServiceError> {
        // What an upstream Graph answered, passed on as it came.
        let group: DirectoryObject = serde_json::from_str(GROUP).unwrap();
        Ok(GetDirectoryObjectResponse::Ok(group))
    }

    async fn set_directory_object(&self, _: RequestContext, _: SetDirectoryObjectParams, body: DirectoryObject) -> Result<SetDirectoryObjectResponse, ServiceError> {
        self.stored.lock().unwrap().push(body);
        Ok(SetDirectoryObjectResponse::NoContent)
    }
}

async fn start() -> (String, Arc<Directory>) {
    let service = Arc::new(Directory::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1.0", listener.local_addr().unwrap());
    *service.base.lock().unwrap() = base.clone();
    let app = router(service.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, service)
}

#[test]
fn a_left_out_subtype_decodes_into_the_catch_all_and_reencodes_byte_for_byte() {
    let decoded: DirectoryObject = serde_json::from_str(GROUP).unwrap();
    let DirectoryObject::Unrecognized(fields) = &decoded else { panic!("{decoded:?}") };
    // The base's fields are there to read, and the rest kept as sent.
    assert_eq!(fields["id"], "g1");
    assert_eq!(fields["@odata.type"], "#microsoft.graph.group");
    assert_eq!(serde_json::to_string(&decoded).unwrap(), GROUP);
    // A selected subtype still decodes into its own variant.
    let user: DirectoryObject = serde_json::from_str(r##"{"@odata.type":"#microsoft.graph.user","displayName":"Ann"}"##).unwrap();
    assert!(matches!(&user, DirectoryObject::User(User { display_name: Some(name), .. }) if name == "Ann"), "{user:?}");
}

#[tokio::test]
async fn the_client_receives_it_unchanged_and_the_server_refuses_it_in_a_request() {
    let (base, service) = start().await;
    let client = Client::builder(&base).bearer_token("t").build().unwrap();
    let got = client.get_directory_object(&GetDirectoryObjectParams::new("g1")).await.unwrap();
    let GetDirectoryObjectResponse::Ok(object) = got;
    assert_eq!(serde_json::to_string(&object).unwrap(), GROUP);

    // The generated client checks requests first and refuses to send it at all.
    let refused = client.set_directory_object(&SetDirectoryObjectParams::new("g1"), &object).await.unwrap_err();
    assert_eq!(refused.status(), None);
    assert!(
        refused.to_string().contains("expected one of #microsoft.graph.user, got the string \"#microsoft.graph.group\""),
        "{refused}"
    );

    // Sent anyway, the server answers 400 naming the @odata.type, and stores nothing.
    let unchecked = Client::builder(&base).bearer_token("t").validate_requests(false).build().unwrap();
    let error = unchecked.set_directory_object(&SetDirectoryObjectParams::new("g1"), &object).await.unwrap_err();
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.code(), Some("invalidRequest"));
    let details: Vec<(Option<&str>, &str, &str)> = error.details().iter().map(|d| (d.target.as_deref(), d.code.as_str(), d.message.as_str())).collect();
    assert_eq!(
        details,
        [(Some("/@odata.type"), "invalidDiscriminator", "expected one of #microsoft.graph.user, got the string \"#microsoft.graph.group\"")]
    );
    assert!(service.stored.lock().unwrap().is_empty());
}

/// The next item of a stream, without a futures dependency.
async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    std::future::poll_fn(|cx| std::pin::Pin::new(&mut *stream).poll_next(cx)).await
}

async fn read_all(client: &Client) -> (Vec<String>, Option<ClientError>) {
    let mut stream = Box::pin(client.list_user_items(&ListUserParams::default()));
    let mut names = Vec::new();
    while let Some(item) = next(&mut stream).await {
        match item {
            Ok(user) => names.push(user.display_name.unwrap_or_default()),
            Err(error) => {
                assert!(next(&mut stream).await.is_none(), "an error ends the stream");
                return (names, Some(error));
            }
        }
    }
    (names, None)
}

#[tokio::test]
async fn the_items_stream_follows_three_pages_and_refuses_a_link_to_another_origin() {
    let (base, service) = start().await;
    let client = Client::builder(&base).bearer_token("t").build().unwrap();
    let (names, error) = read_all(&client).await;
    assert_eq!(names, ["user1", "user2", "user3", "user4", "user5", "user6"]);
    assert!(error.is_none(), "{error:?}");
    assert_eq!(*service.pages.lock().unwrap(), 3);

    *service.pages.lock().unwrap() = 0;
    *service.third_links_to.lock().unwrap() = Some("https://elsewhere.example/v1.0/users?page=4".into());
    let (names, error) = read_all(&client).await;
    assert_eq!(names.len(), 6, "the third page's items come before the refusal");
    let error = error.expect("the link to another origin is refused");
    assert!(
        matches!(&error, ClientError::Encode(message) if message.starts_with("the next link https://elsewhere.example/v1.0/users?page=4 leaves the service at http://127.0.0.1:")),
        "{error:?}"
    );
    assert_eq!(*service.pages.lock().unwrap(), 3, "nothing was sent to the other origin's path here");
}

/// A service of the users' list alone: every other operation keeps the default that an
/// area's methods have.
struct ListOnly;

impl Authorize for ListOnly {
    async fn authorize(&self, _: &str, _: &HeaderMap) -> Result<(), ServiceError> {
        Ok(())
    }
}

impl Service for ListOnly {
    async fn list_user(&self, _: RequestContext, _: ListUserParams) -> Result<ListUserResponse, ServiceError> {
        Ok(ListUserResponse::Ok(UserCollectionResponse { value: Some(Vec::new()), odata_next_link: None }))
    }
}

#[tokio::test]
async fn an_operation_the_service_does_not_implement_answers_501() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1.0", listener.local_addr().unwrap());
    let app = router(Arc::new(ListOnly));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = Client::builder(&base).bearer_token("t").build().unwrap();
    let ListUserResponse::Ok(page) = client.list_user(&ListUserParams::default()).await.unwrap();
    assert_eq!(page.value, Some(Vec::new()));
    let error = client.get_user(&GetUserParams::new("u1")).await.unwrap_err();
    assert_eq!(error.status(), Some(501));
    assert_eq!(error.code(), Some("notSupported"));
    assert_eq!(error.message(), Some("users.user_GetUser is not implemented by this service"));
}
