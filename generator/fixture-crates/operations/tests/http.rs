//! Every method of the fixture over TCP, generated client against generated server: several
//! success codes in one operation, 2XX ranges, 204, HEAD and OPTIONS, optional bodies,
//! PATCH's absent / null / value, and parameters in the path, query and headers.

use fixture_operations::client::{Client, ClientError};
use fixture_operations::operations::*;
use fixture_operations::server::{router, router_with, Authorize, HeaderMap, RequestContext, ServerConfig, Service, ServiceError};
use fixture_operations::multipart::FilePart;
use fixture_operations::{ExternalCreate, ExternalCreateType, ExternalCreateType2, ExternalCreateVariant1, ExternalCreateVariant2, GetSelfKeys, ListExternalsId, ListExternalsSize, Outcome, CreateWindow, Tally, Comment, GetByIdsRange, GetRunRetry, Draft, DraftPatch, Sketch, SketchPatch, RunId, RunSummary, GroupTargetPatch, ListBox, ListFilter, ListRange, UploadAttachmentBodyMeta, Item, ItemCollection, ItemPatch, Mode, NotePatch, Review, SearchItemsBody, TargetPatch};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Items {
    items: Mutex<BTreeMap<i64, Item>>,
    labels: Mutex<Vec<(i64, String)>>,
    last_list: Mutex<Option<ListItemParams>>,
    last_target: Mutex<Option<TargetPatch>>,
    content: Mutex<BTreeMap<i64, Vec<u8>>>,
    last_proxy: Mutex<Option<GetPathParams>>,
    last_externals: Mutex<Option<ListExternalsParams>>,
    last_self: Mutex<Option<GetSelfParams>>,
    last_external: Mutex<Option<ExternalCreate>>,
}

impl Items {
    fn item(&self, id: i64) -> Result<Item, ServiceError> {
        let items = self.items.lock().unwrap();
        items.get(&id).cloned().ok_or_else(|| ServiceError::not_found(format!("No item has the id {id}.")))
    }
}

impl Authorize for Items {
    async fn authorize(&self, key: &str, _: &HeaderMap) -> Result<(), ServiceError> {
        // Only `keys_Get` declares security: an API key.
        if key == "k1" || key == "ann:se:cret" { Ok(()) } else { Err(ServiceError::unauthorized("That key opens nothing here.")) }
    }
}

impl Service for Items {
    async fn create_external(&self, _: RequestContext, _: CreateExternalParams, body: ExternalCreate) -> Result<CreateExternalResponse, ServiceError> {
        let outcome = match &body {
            ExternalCreate::ExternalCreateVariant1(_) => Outcome::Ok,
            ExternalCreate::ExternalCreateVariant2(_) => Outcome::Err,
        };
        *self.last_external.lock().unwrap() = Some(body);
        Ok(CreateExternalResponse::Created(outcome))
    }

    async fn list_externals(&self, _: RequestContext, params: ListExternalsParams) -> Result<ListExternalsResponse, ServiceError> {
        *self.last_externals.lock().unwrap() = Some(params);
        Ok(ListExternalsResponse::NoContent)
    }

    async fn get_self(&self, _: RequestContext, params: GetSelfParams) -> Result<GetSelfResponse, ServiceError> {
        *self.last_self.lock().unwrap() = Some(params);
        Ok(GetSelfResponse::NoContent)
    }

    async fn list_item(&self, _: RequestContext, params: ListItemParams) -> Result<ListItemResponse, ServiceError> {
        *self.last_list.lock().unwrap() = Some(params);
        let value = self.items.lock().unwrap().values().cloned().collect();
        Ok(ListItemResponse::Ok(ItemCollection { value: Some(value), odata_next_link: Some(None) }))
    }

    async fn create_item(&self, _: RequestContext, _: CreateItemParams, mut body: Item) -> Result<CreateItemResponse, ServiceError> {
        let mut items = self.items.lock().unwrap();
        if let Some(existing) = items.values().find(|item| item.name == body.name) {
            return Ok(CreateItemResponse::Ok(existing.clone()));
        }
        let id = items.len() as i64 + 1;
        body.id = Some(id);
        items.insert(id, body.clone());
        Ok(CreateItemResponse::Created(body))
    }

    async fn get_item(&self, _: RequestContext, params: GetItemParams) -> Result<GetItemResponse, ServiceError> {
        self.item(params.item_id).map(GetItemResponse::Ok)
    }

    async fn replace_item(&self, _: RequestContext, params: ReplaceItemParams, mut body: Item) -> Result<ReplaceItemResponse, ServiceError> {
        self.item(params.item_id)?;
        body.id = Some(params.item_id);
        self.items.lock().unwrap().insert(params.item_id, body.clone());
        Ok(ReplaceItemResponse::Ok(body))
    }

    async fn archive_item(&self, _: RequestContext, params: ArchiveItemParams) -> Result<ArchiveItemResponse, ServiceError> {
        self.item(params.item_id)?;
        Ok(ArchiveItemResponse::NoContent)
    }

    async fn get_archived(&self, _: RequestContext, params: GetArchivedParams) -> Result<GetArchivedResponse, ServiceError> {
        Ok(GetArchivedResponse::Ok(self.item(params.item_key)?))
    }

    async fn duplicate(&self, _: RequestContext, params: DuplicateParams) -> Result<DuplicateResponse, ServiceError> {
        let mut items = self.items.lock().unwrap();
        let mut copy = items.get(&params.item_id).cloned().ok_or_else(|| ServiceError::not_found("No such item."))?;
        let id = items.len() as i64 + 1;
        copy.id = Some(id);
        items.insert(id, copy.clone());
        Ok(DuplicateResponse::Ok(copy))
    }

    async fn update_target(&self, _: RequestContext, params: UpdateTargetParams, body: TargetPatch) -> Result<UpdateTargetResponse, ServiceError> {
        self.item(params.item_id)?;
        *self.last_target.lock().unwrap() = Some(body);
        Ok(UpdateTargetResponse::NoContent)
    }

    async fn get_report(&self, _: RequestContext, params: GetReportParams) -> Result<GetReportResponse, ServiceError> {
        Ok(GetReportResponse::Ok(vec![params.period, params.top.to_string()]))
    }

    async fn get_report_csv(&self, _: RequestContext, params: GetReportCsvParams) -> Result<GetReportCsvResponse, ServiceError> {
        Ok(GetReportCsvResponse::Ok(format!("period\n{}\n", params.period).into_bytes()))
    }

    async fn get_by_ids(&self, _: RequestContext, params: GetByIdsParams) -> Result<GetByIdsResponse, ServiceError> {
        let mut seen = params.ids;
        if let Some(range) = params.range {
            seen.push(format!("{}..{:?}", range.low, range.high));
        }
        Ok(GetByIdsResponse::Ok(seen))
    }

    async fn send(&self, _: RequestContext, params: SendParams) -> Result<SendResponse, ServiceError> {
        self.item(params.item_id)?;
        Ok(SendResponse::NoContent)
    }

    async fn get_run(&self, _: RequestContext, params: GetRunParams) -> Result<GetRunResponse, ServiceError> {
        let mut seen = vec![format!("run {:?}", params.run_id)];
        if let Some(since) = params.since {
            seen.push(format!("since {}", since.to_rfc3339()));
        }
        if let Some(hint) = params.hint {
            seen.push(format!("hint {hint}"));
        }
        if let Some(marks) = params.marks {
            seen.push(format!("marks {}", serde_json::Value::from(marks)));
        }
        if let Some(retry) = params.retry {
            seen.push(format!("retry {retry:?}"));
        }
        Ok(GetRunResponse::Ok(seen))
    }

    async fn set_note(&self, _: RequestContext, params: SetNoteParams, body: String) -> Result<SetNoteResponse, ServiceError> {
        Ok(SetNoteResponse::Ok(format!("{:?}: {body}", params.run_id)))
    }

    async fn retry(&self, _: RequestContext, _: RetryParams, body: Option<i32>) -> Result<RetryResponse, ServiceError> {
        Ok(RetryResponse::Ok(vec![format!("{body:?}")]))
    }

    async fn create(&self, _: RequestContext, params: CreateParams, body: Tally) -> Result<CreateResponse, ServiceError> {
        let mut seen = vec![format!("id {:?}", params.id), format!("names {:?}", body.names)];
        if let Some(marks) = params.marks {
            seen.push(format!("marks {marks:?}"));
        }
        if params.window != CreateWindow::default() || !params.extra.is_empty() {
            seen.push(format!("{:?} {:?}", params.window, params.extra));
        }
        Ok(CreateResponse::Ok(seen))
    }

    async fn replace(&self, _: RequestContext, _: ReplaceParams, body: ReplaceBody) -> Result<ReplaceResponse, ServiceError> {
        Ok(ReplaceResponse::Ok(vec![format!("names {:?}", body.names), format!("count {:?}", body.count)]))
    }

    async fn get_shelf(&self, _: RequestContext, params: GetShelfParams) -> Result<GetShelfResponse, ServiceError> {
        Ok(GetShelfResponse::Ok(params.shelf))
    }

    async fn archive(&self, _: RequestContext, _: ArchiveParams) -> Result<ArchiveResponse, ServiceError> {
        Ok(ArchiveResponse::NoContent)
    }

    async fn list_runs(&self, _: RequestContext, params: ListRunsParams) -> Result<ListRunsResponse, ServiceError> {
        Ok(ListRunsResponse::Ok(vec![format!("top {:?}", params.top), format!("labels {:?}", params.labels)]))
    }

    async fn get_summary(&self, _: RequestContext, params: GetSummaryParams) -> Result<GetSummaryResponse, ServiceError> {
        if params.if_none_match.as_deref() == Some("\"v1\"") {
            return Ok(GetSummaryResponse::NotModified);
        }
        Ok(GetSummaryResponse::Ok(RunSummary { title: Some(format!("{:?}", params.run_id)), ..RunSummary::default() }))
    }

    async fn get_path(&self, _: RequestContext, params: GetPathParams) -> Result<GetPathResponse, ServiceError> {
        *self.last_proxy.lock().unwrap() = Some(params);
        Ok(GetPathResponse::NoContent)
    }

    async fn clone(&self, _: RequestContext, params: CloneParams) -> Result<CloneResponse, ServiceError> {
        Ok(CloneResponse::Created(Item { id: Some(params.item_id + 1000), name: "copy".into(), size: None }))
    }

    async fn new(&self, _: RequestContext, _: NewParams) -> Result<NewResponse, ServiceError> {
        Ok(NewResponse::NoContent)
    }

    async fn get_feed(&self, _: RequestContext, _: GetFeedParams) -> Result<GetFeedResponse, ServiceError> {
        Ok(GetFeedResponse::NoContent)
    }

    async fn get_started(&self, _: RequestContext, _: GetStartedParams) -> Result<GetStartedResponse, ServiceError> {
        Ok(GetStartedResponse::Ok(chrono::DateTime::parse_from_rfc3339("2026-11-28T08:30:00.5+01:00").unwrap()))
    }

    async fn upload_attachment(&self, _: RequestContext, params: UploadAttachmentParams, body: UploadAttachmentBody) -> Result<UploadAttachmentResponse, ServiceError> {
        let mut seen = vec![format!("item {}", params.item_id), format!("title {}", body.title)];
        if let Some(priority) = body.priority {
            seen.push(format!("priority {priority}"));
        }
        if let Some(tags) = &body.tags {
            seen.push(format!("tags {}", tags.join("|")));
        }
        if let Some(labels) = &body.labels {
            seen.push(format!("labels {}", labels.join("|")));
        }
        if let Some(mode) = &body.mode {
            seen.push(format!("mode {mode}"));
        }
        if let Some(meta) = &body.meta {
            seen.push(format!("meta {}", meta.source));
        }
        let file = &body.file;
        seen.push(format!("file {:?} {:?} {:?}", file.filename, file.content_type, String::from_utf8_lossy(&file.bytes)));
        for extra in &body.extras {
            seen.push(format!("extra {:?}", extra.bytes));
        }
        Ok(UploadAttachmentResponse::Created(seen))
    }

    async fn list(&self, _: RequestContext, params: ListParams) -> Result<ListResponse, ServiceError> {
        let mut seen = vec![format!("{:?}", params.range), format!("{:?}", params.filter), format!("{:?}", params.r#box)];
        if let Some(labels) = params.labels {
            seen.push(format!("{labels:?}"));
        }
        if let Some(meta) = params.meta {
            seen.push(serde_json::Value::Object(meta).to_string());
        }
        Ok(ListResponse::Ok(seen))
    }

    async fn get(&self, context: RequestContext, params: GetParams) -> Result<GetResponse, ServiceError> {
        Ok(GetResponse::Ok(vec![params.name, context.token.unwrap_or_default()]))
    }

    async fn list_keys(&self, context: RequestContext, _: ListKeysParams) -> Result<ListKeysResponse, ServiceError> {
        Ok(ListKeysResponse::Ok(vec![context.token.unwrap_or_default()]))
    }

    async fn list_either(&self, context: RequestContext, _: ListEitherParams) -> Result<ListEitherResponse, ServiceError> {
        Ok(ListEitherResponse::Ok(vec![context.token.unwrap_or_default()]))
    }

    async fn list_token_or_key(&self, context: RequestContext, _: ListTokenOrKeyParams) -> Result<ListTokenOrKeyResponse, ServiceError> {
        Ok(ListTokenOrKeyResponse::Ok(vec![context.token.unwrap_or_default()]))
    }

    async fn list_basic(&self, context: RequestContext, _: ListBasicParams) -> Result<ListBasicResponse, ServiceError> {
        Ok(ListBasicResponse::Ok(vec![context.token.unwrap_or_default()]))
    }

    async fn list_basic_or_token(&self, context: RequestContext, _: ListBasicOrTokenParams) -> Result<ListBasicOrTokenResponse, ServiceError> {
        Ok(ListBasicOrTokenResponse::Ok(vec![context.token.unwrap_or_default()]))
    }

    async fn list_basic_or_key(&self, context: RequestContext, _: ListBasicOrKeyParams) -> Result<ListBasicOrKeyResponse, ServiceError> {
        Ok(ListBasicOrKeyResponse::Ok(vec![context.token.unwrap_or_default()]))
    }

    async fn get_by_cookie(&self, context: RequestContext, params: GetByCookieParams) -> Result<GetByCookieResponse, ServiceError> {
        let cookie_headers = context.headers.get_all("cookie").iter().count().to_string();
        Ok(GetByCookieResponse::Ok(vec![params.name, params.theme.unwrap_or_default(), context.token.unwrap_or_default(), cookie_headers]))
    }

    async fn get_content(&self, _: RequestContext, params: GetContentParams) -> Result<GetContentResponse, ServiceError> {
        let content = self.content.lock().unwrap().get(&params.item_id).cloned();
        content.map(GetContentResponse::Ok).ok_or_else(|| ServiceError::not_found("No content."))
    }

    async fn set_content(&self, _: RequestContext, params: SetContentParams, body: Vec<u8>) -> Result<SetContentResponse, ServiceError> {
        self.content.lock().unwrap().insert(params.item_id, body);
        Ok(SetContentResponse::NoContent)
    }

    async fn echo(&self, _: RequestContext, _: EchoParams, body: serde_json::Value) -> Result<EchoResponse, ServiceError> {
        Ok(EchoResponse::Ok(body))
    }

    async fn search_items(&self, _: RequestContext, _: SearchItemsParams, body: SearchItemsBody) -> Result<SearchItemsResponse, ServiceError> {
        let lines = vec![
            body.query,
            format!("{:?}", body.limit),
            format!("{:?}", body.exact),
            format!("{:?}", body.mode),
            format!("{:?}", body.tags),
        ];
        Ok(SearchItemsResponse::Ok(lines))
    }

    async fn list_versions(&self, _: RequestContext, params: ListVersionsParams) -> Result<ListVersionsResponse, ServiceError> {
        let lines = [
            format!("versions {}", params.versions),
            format!("limit {:?}", params.limit),
            format!("tags {:?}", params.tags),
            format!("order {:?}", params.order),
            format!("note {:?}", params.note),
        ];
        Ok(ListVersionsResponse::Ok(lines.to_vec()))
    }

    async fn add_comment(&self, _: RequestContext, _: AddCommentParams, body: Comment) -> Result<AddCommentResponse, ServiceError> {
        Ok(AddCommentResponse::Created(body))
    }

    async fn add_review(&self, _: RequestContext, _: AddReviewParams, _: Option<Review>) -> Result<AddReviewResponse, ServiceError> {
        Ok(AddReviewResponse::NoContent)
    }

    async fn replace_draft(&self, _: RequestContext, _: ReplaceDraftParams, _: Draft) -> Result<ReplaceDraftResponse, ServiceError> {
        Ok(ReplaceDraftResponse::NoContent)
    }

    async fn update_draft(&self, _: RequestContext, _: UpdateDraftParams, _: DraftPatch) -> Result<UpdateDraftResponse, ServiceError> {
        Ok(UpdateDraftResponse::NoContent)
    }

    async fn replace_sketch(&self, _: RequestContext, _: ReplaceSketchParams, _: Sketch) -> Result<ReplaceSketchResponse, ServiceError> {
        Ok(ReplaceSketchResponse::NoContent)
    }

    async fn update_sketch(&self, _: RequestContext, _: UpdateSketchParams, _: SketchPatch) -> Result<UpdateSketchResponse, ServiceError> {
        Ok(UpdateSketchResponse::NoContent)
    }

    async fn update_note(&self, _: RequestContext, params: UpdateNoteParams, _: NotePatch) -> Result<UpdateNoteResponse, ServiceError> {
        self.item(params.item_id)?;
        Ok(UpdateNoteResponse::NoContent)
    }

    async fn update_item(&self, _: RequestContext, params: UpdateItemParams, body: Option<ItemPatch>) -> Result<UpdateItemResponse, ServiceError> {
        if params.if_match != "*" {
            return Err(ServiceError::new(axum::http::StatusCode::PRECONDITION_FAILED, "resourceModified", "The item has changed."));
        }
        let mut item = self.item(params.item_id)?;
        if let Some(patch) = body {
            if let Some(name) = patch.name {
                item.name = name;
            }
            // Absent leaves the size alone; null clears it; a value sets it.
            if let Some(size) = patch.size {
                item.size = Some(size);
            }
        }
        self.items.lock().unwrap().insert(params.item_id, item);
        Ok(UpdateItemResponse::NoContent)
    }

    async fn delete_item(&self, _: RequestContext, params: DeleteItemParams) -> Result<DeleteItemResponse, ServiceError> {
        self.items.lock().unwrap().remove(&params.item_id);
        Ok(DeleteItemResponse::NoContent)
    }

    async fn put_items_by_item_id_labels_by_label(&self, _: RequestContext, params: PutItemsByItemIdLabelsByLabelParams) -> Result<PutItemsByItemIdLabelsByLabelResponse, ServiceError> {
        let mut labels = self.labels.lock().unwrap();
        labels.push((params.item_id, params.label));
        Ok(PutItemsByItemIdLabelsByLabelResponse::Ok(labels.iter().map(|(_, l)| l.clone()).collect()))
    }

    async fn options_items_by_item_id_labels_by_label(&self, _: RequestContext, _: OptionsItemsByItemIdLabelsByLabelParams) -> Result<OptionsItemsByItemIdLabelsByLabelResponse, ServiceError> {
        Ok(OptionsItemsByItemIdLabelsByLabelResponse::NoContent)
    }

    async fn head_items_by_item_id_labels_by_label(&self, _: RequestContext, params: HeadItemsByItemIdLabelsByLabelParams) -> Result<HeadItemsByItemIdLabelsByLabelResponse, ServiceError> {
        let labels = self.labels.lock().unwrap();
        if labels.contains(&(params.item_id, params.label)) {
            Ok(HeadItemsByItemIdLabelsByLabelResponse::Ok)
        } else {
            Err(ServiceError::not_found("No such label."))
        }
    }
}

async fn start() -> (Client, Arc<Items>, String) {
    let service = Arc::new(Items::default());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    let app = router(service.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (Client::builder(&base).build().unwrap(), service, base)
}

fn item(name: &str, size: Option<Option<i32>>) -> Item {
    Item { id: None, name: name.into(), size }
}

#[tokio::test]
async fn every_method_round_trips() {
    let (client, service, _) = start().await;

    let created = client.create_item(&CreateItemParams {}, &item("box", Some(Some(3)))).await.unwrap();
    assert_eq!(created, CreateItemResponse::Created(Item { id: Some(1), name: "box".into(), size: Some(Some(3)) }));
    assert_eq!(created.status(), 201);
    let again = client.create_item(&CreateItemParams {}, &item("box", None)).await.unwrap();
    assert_eq!(again.status(), 200, "the second success code of the same operation");

    let listed = client
        .list_item(&ListItemParams { top: Some(5), orderby: Some(vec!["name".into(), "size".into()]), mode: Some(Mode::Thorough), tag: Some(vec!["a b".into(), "c,d".into()]), ..ListItemParams::default() })
        .await
        .unwrap();
    let ListItemResponse::Ok(collection) = listed;
    assert_eq!(collection.value.unwrap().len(), 1);
    assert_eq!(collection.odata_next_link, Some(None));
    let seen = service.last_list.lock().unwrap().clone().unwrap();
    assert_eq!(seen.top, Some(5));
    assert_eq!(seen.orderby, Some(vec!["name".to_owned(), "size".to_owned()]));
    assert_eq!(seen.tag, Some(vec!["a b".to_owned(), "c,d".to_owned()]));
    assert_eq!(seen.mode, Some(Mode::Thorough));

    let GetItemResponse::Ok(got) = client.get_item(&GetItemParams { item_id: 1 }).await.unwrap();
    assert_eq!(got.size, Some(Some(3)));

    let replaced = client.replace_item(&ReplaceItemParams { item_id: 1 }, &item("crate", Some(Some(9)))).await.unwrap();
    assert_eq!(replaced, ReplaceItemResponse::Ok(Item { id: Some(1), name: "crate".into(), size: Some(Some(9)) }));

    let label = PutItemsByItemIdLabelsByLabelParams { item_id: 1, label: "fragile goods".into() };
    assert_eq!(
        client.put_items_by_item_id_labels_by_label(&label).await.unwrap(),
        PutItemsByItemIdLabelsByLabelResponse::Ok(vec!["fragile goods".into()])
    );
    let head = HeadItemsByItemIdLabelsByLabelParams { item_id: 1, label: "fragile goods".into() };
    assert_eq!(client.head_items_by_item_id_labels_by_label(&head).await.unwrap().status(), 200);
    let options = OptionsItemsByItemIdLabelsByLabelParams { item_id: 1, label: "x".into() };
    assert_eq!(client.options_items_by_item_id_labels_by_label(&options).await.unwrap().status(), 204);

    assert_eq!(client.delete_item(&DeleteItemParams { item_id: 1 }).await.unwrap(), DeleteItemResponse::NoContent);
    let error = client.get_item(&GetItemParams { item_id: 1 }).await.unwrap_err();
    assert_eq!((error.status(), error.code()), (Some(404), Some("itemNotFound")));
}

#[tokio::test]
async fn an_operation_that_declares_only_failures_succeeds_with_any_2xx() {
    let (client, _, base) = start().await;
    client.create_item(&CreateItemParams {}, &item("box", None)).await.unwrap();
    let archived = client.archive_item(&ArchiveItemParams { item_id: 1 }).await.unwrap();
    assert_eq!((archived.clone(), archived.status()), (ArchiveItemResponse::NoContent, 204));
    let response = reqwest_free_request("POST", &format!("{base}/items/1/archive")).await;
    assert!(response.starts_with("HTTP/1.1 204 No Content\r\n"), "{response}");
    let error = client.archive_item(&ArchiveItemParams { item_id: 9 }).await.unwrap_err();
    assert_eq!((error.status(), error.code()), (Some(404), Some("itemNotFound")));
}

#[tokio::test]
async fn paths_that_differ_only_in_parameter_names_share_a_route_each_reading_its_own() {
    let (client, _, base) = start().await;
    client.create_item(&CreateItemParams {}, &item("box", None)).await.unwrap();
    // `GET /items/{itemKey}/archive` beside `POST /items/{item-id}/archive`.
    let archived = client.get_archived(&GetArchivedParams { item_key: 1 }).await.unwrap();
    assert_eq!(archived, GetArchivedResponse::Ok(Item { id: Some(1), name: "box".into(), size: None }));
    let response = reqwest_free_request("GET", &format!("{base}/items/1/archive")).await;
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(response.ends_with("\r\n\r\n{\"id\":1,\"name\":\"box\"}"), "{response}");
    // Each operation's errors name its own parameter.
    let response = reqwest_free_request("GET", &format!("{base}/items/0/archive")).await;
    assert!(response.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{response}");
    assert!(response.contains(r#""details":[{"code":"outOfRange","message":"expected a number at least 1, got 0","target":"itemKey"}]"#), "{response}");
    let response = reqwest_free_request("POST", &format!("{base}/items/x/archive")).await;
    assert!(response.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{response}");
    assert!(response.contains(r#""target":"item-id""#), "{response}");
    let response = reqwest_free_request("POST", &format!("{base}/items/1/archive")).await;
    assert!(response.starts_with("HTTP/1.1 204 No Content\r\n"), "{response}");
    // One route: a method neither has is 405, naming both.
    let reply = String::from_utf8(raw_request("DELETE", &format!("{base}/items/1/archive"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"), "{reply}");
    assert!(reply.contains("\r\nallow: GET, POST\r\n"), "{reply}");
}

#[tokio::test]
async fn a_graph_action_answers_its_2xx_with_200_not_201() {
    let (client, _, base) = start().await;
    client.create_item(&CreateItemParams {}, &item("box", None)).await.unwrap();
    let copy = client.duplicate(&DuplicateParams { item_id: 1 }).await.unwrap();
    let expected = Item { id: Some(2), name: "box".into(), size: None };
    assert_eq!((copy.clone(), copy.status()), (DuplicateResponse::Ok(expected), 200));
    let response = reqwest_free_request("POST", &format!("{base}/items/1/microsoft.graph.duplicate")).await;
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(response.ends_with("\r\n\r\n{\"id\":3,\"name\":\"box\"}"), "{response}");
}

#[tokio::test]
async fn a_polymorphic_patch_goes_out_with_its_odata_type_and_comes_in_as_that_subtype() {
    let (client, service, _) = start().await;
    client.create_item(&CreateItemParams {}, &item("box", None)).await.unwrap();
    let patch = TargetPatch::GroupTarget(GroupTargetPatch { note: Some(None), ..GroupTargetPatch::default() });
    let sent = client.update_target(&UpdateTargetParams { item_id: 1 }, &patch).await.unwrap();
    assert_eq!(sent, UpdateTargetResponse::NoContent);
    let received = service.last_target.lock().unwrap().clone().unwrap();
    let expected = GroupTargetPatch { odata_type: Some("#ns.groupTarget".into()), group_id: None, note: Some(None) };
    assert_eq!(received, TargetPatch::GroupTarget(expected));
}

#[tokio::test]
async fn function_parameters_that_share_a_segment_are_split_by_the_template() {
    let (client, _, base) = start().await;
    let params = GetReportParams { period: "D7 it's".into(), top: 5 };
    let report = client.get_report(&params).await.unwrap();
    assert_eq!(report, GetReportResponse::Ok(vec!["D7 it's".into(), "5".into()]));

    let path = |rest: &str| format!("{base}/reports/microsoft.graph.getReport(period='{rest}");
    let response = reqwest_free_request("GET", &path("D%2030',top=7)")).await;
    assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
    assert!(response.ends_with("\r\n\r\n[\"D 30\",\"7\"]"), "{response}");

    let response = reqwest_free_request("GET", &path("D7',top=0)")).await;
    assert!(response.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{response}");
    assert!(response.contains(r#""details":[{"code":"outOfRange","message":"expected a number at least 1, got 0","target":"top"}]"#), "{response}");

    // Only the start of the segment matches: the path is not this function's.
    for rest in ["D7',top=7", "D7'"] {
        let response = reqwest_free_request("GET", &path(rest)).await;
        assert!(response.starts_with("HTTP/1.1 404 Not Found\r\n"), "{rest}: {response}");
        assert!(response.contains(r#"{"error":{"code":"itemNotFound","message":"No resource matches the path /v1/reports/microsoft.graph.getReport(period="#), "{response}");
    }
}

#[tokio::test]
async fn overloads_on_one_route_are_told_apart_by_their_templates() {
    let (client, _, base) = start().await;
    let report = client.get_report_csv(&GetReportCsvParams { period: "D7".into() }).await.unwrap();
    assert_eq!(report, GetReportCsvResponse::Ok(b"period\nD7\n".to_vec()));
    let report = client.get_report(&GetReportParams { period: "D7".into(), top: 2 }).await.unwrap();
    assert_eq!(report, GetReportResponse::Ok(vec!["D7".into(), "2".into()]));

    let path = |rest: &str| format!("{base}/reports/microsoft.graph.getReport(period='{rest}");
    let reply = String::from_utf8(raw_request("GET", &path("D30')"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
    assert!(reply.contains("\r\ncontent-type: application/octet-stream\r\n"), "{reply}");
    assert!(reply.ends_with("\r\n\r\nperiod\nD30\n"), "{reply}");
    // The overload with more parameters is tried first, so its errors are its own.
    let reply = String::from_utf8(raw_request("GET", &path("D30',top=x)"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"invalidType","message":"expected an int32 number, got the string \"x\"","target":"top"}]"#), "{reply}");
    // Neither fits: 404 from the last tried.
    let reply = String::from_utf8(raw_request("GET", &path("D30'"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 404 Not Found\r\n"), "{reply}");
    // A method neither overload has.
    let reply = String::from_utf8(raw_request("DELETE", &path("D30')"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"), "{reply}");
    assert!(reply.contains("\r\nallow: GET\r\n"), "{reply}");
}

#[tokio::test]
async fn json_content_parameters_travel_as_json_text() {
    let (client, _, base) = start().await;
    let params = GetByIdsParams { ids: vec!["a".into(), "b,)".into()], range: Some(GetByIdsRange { low: 1, high: None }) };
    let seen = client.get_by_ids(&params).await.unwrap();
    assert_eq!(seen, GetByIdsResponse::Ok(vec!["a".into(), "b,)".into(), "1..None".into()]));

    let url = |ids: &str, query: &str| format!("{base}/items/microsoft.graph.getByIds(ids={ids}){query}");
    let reply = String::from_utf8(raw_request("GET", &url("%5B%22x%22%5D", "?range=%7B%22low%22%3A2%2C%22high%22%3A3%7D"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
    assert!(reply.ends_with("\r\n\r\n[\"x\",\"2..Some(3)\"]"), "{reply}");

    // Not JSON: the check names what came.
    let reply = String::from_utf8(raw_request("GET", &url("x,y", ""), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"invalidType","message":"expected an array, got the string \"x,y\"","target":"ids"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url("%5B%22long%22%5D", "?range=%7B%22high%22%3A1%7D"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"tooLong","message":"expected at most 3 characters, got 4","target":"ids/0"},{"code":"missingProperty","message":"the required property 'low' is missing","target":"range/low"}]"#), "{reply}");

    // A member named twice is refused, not kept at its last value.
    let reply = String::from_utf8(raw_request("GET", &url("%5B%22x%22%5D", "?range=%7B%22low%22%3A2%2C%22low%22%3A3%7D"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"duplicateProperty","message":"the property 'low' is sent more than once; it takes one value","target":"range/low"}]"#), "{reply}");
}

#[tokio::test]
async fn an_operation_named_like_a_client_runtime_method_takes_its_whole_id() {
    let (client, _, _) = start().await;
    let error = client.send(&SendParams { item_id: 404 }).await.unwrap_err();
    assert_eq!((error.status(), error.code()), (Some(404), Some("itemNotFound")));
}

#[tokio::test]
async fn multipart_bodies_carry_files_and_values_both_ways() {
    let (client, _, base) = start().await;
    // The file holds what a naive boundary would be, and a line that starts like one.
    let file = FilePart { filename: Some("a \"b\".txt".into()), content_type: Some("text/plain".into()), bytes: b"x\r\n--part-boundary-00000000\r\ny".to_vec() };
    let body = UploadAttachmentBody {
        title: "notes".into(),
        priority: Some(2),
        tags: Some(vec!["a".into(), "b c".into()]),
        labels: Some(vec!["x".into(), "y".into()]),
        mode: Some(Mode::Thorough),
        meta: Some(UploadAttachmentBodyMeta { source: "scan".into() }),
        file,
        extras: vec![FilePart::new(vec![0u8, 255]), FilePart::new(Vec::new())],
    };
    let seen = client.upload_attachment(&UploadAttachmentParams { item_id: 7 }, &body).await.unwrap();
    assert_eq!(seen, UploadAttachmentResponse::Created(vec![
        "item 7".into(), "title notes".into(), "priority 2".into(), "tags a|b c".into(), "labels x|y".into(), "mode thorough".into(), "meta scan".into(),
        "file Some(\"a \\\"b\\\".txt\") Some(\"text/plain\") \"x\\r\\n--part-boundary-00000000\\r\\ny\"".into(),
        "extra [0, 255]".into(), "extra []".into(),
    ]));

    // The client checks the parts it would send with the server's own parser.
    let long = UploadAttachmentBody { title: "far too long".into(), ..body.clone() };
    let error = client.upload_attachment(&UploadAttachmentParams { item_id: 7 }, &long).await.unwrap_err();
    let ClientError::Invalid(invalid) = error else { panic!("{error:?}") };
    assert_eq!(invalid.violations[0].target, "title");
    assert_eq!(invalid.violations[0].message, "expected at most 10 characters, got 12");

    // As another client writes it: a quoted boundary, a preamble, parts without a type.
    let url = format!("{base}/items/3/attachments");
    let multipart = b"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhi\r\n--XyZ\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\na\r\n--XyZ\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\nb\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x01\x02\r\n--XyZ--\r\n";
    let reply = String::from_utf8(raw_request("POST", &url, &["Content-Type: multipart/form-data; boundary=\"XyZ\""], multipart).await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 201 Created\r\n"), "{reply}");
    assert!(reply.ends_with(r#"["item 3","title hi","labels a|b","file Some(\"r.bin\") Some(\"application/octet-stream\") \"\\u{1}\\u{2}\""]"#), "{reply}");

    // Every violation at once, each by its part's name; a part the body does not declare too.
    let bad = b"--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nfar too long\r\n--B\r\nContent-Disposition: form-data; name=\"priority\"\r\n\r\n0\r\n--B\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{}\r\n--B\r\nContent-Disposition: form-data; name=\"colour\"\r\n\r\nred\r\n--B--";
    let reply = String::from_utf8(raw_request("POST", &url, &["Content-Type: multipart/form-data; boundary=B"], bad).await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"tooLong","message":"expected at most 10 characters, got 12","target":"title"},{"code":"outOfRange","message":"expected a number at least 1, got 0","target":"priority"},{"code":"missingProperty","message":"the required property 'source' is missing","target":"meta/source"},{"code":"missingParameter","message":"the required form-data parameter 'file' is missing","target":"file"},{"code":"unknownProperty","message":"the part 'colour' is not one this body declares","target":"colour"}]"#), "{reply}");

    // Not multipart, or not well formed.
    let reply = String::from_utf8(raw_request("POST", &url, &["Content-Type: application/json"], b"{}").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 415 Unsupported Media Type\r\n"), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &url, &["Content-Type: multipart/form-data; boundary=B"], b"--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhi").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"invalidMultipart","message":"the multipart body has a part that does not end with the boundary","target":""}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &url, &["Content-Type: multipart/form-data"], b"--B--").await).unwrap();
    assert!(reply.contains(r#"{"code":"invalidMultipart","message":"the multipart body has no boundary in its Content-Type","target":""}"#), "{reply}");
}

#[tokio::test]
async fn object_parameters_travel_in_each_query_style() {
    let (client, _, base) = start().await;
    let params = ListParams {
        range: Some(ListRange { low: 1, high: Some(5) }),
        filter: Some(ListFilter { name: Some("a b".into()), mode: Some(Mode::Fast), label: Some(Some("x".into())) }),
        r#box: Some(ListBox { w: Some(2), h: None, d: Some(Some(-1)) }),
        labels: Some([("tier".to_owned(), 1), ("a b[]".to_owned(), 9)].into()),
        meta: Some(serde_json::json!({"one": "x", "many": [1, "two"], "flag": true}).as_object().unwrap().clone()),
        code: None,
    };
    let seen = client.list(&params).await.unwrap();
    assert_eq!(seen, ListResponse::Ok(vec![
        "Some(ListRange { low: 1, high: Some(5) })".into(),
        "Some(ListFilter { name: Some(\"a b\"), mode: Some(Fast), label: Some(Some(\"x\")) })".into(),
        "Some(ListBox { w: Some(2), h: None, d: Some(Some(-1)) })".into(),
        "{\"a b[]\": 9, \"tier\": 1}".into(),
        // Untyped query text stays text: the number and the boolean come back as strings.
        r#"{"one":"x","many":["1","two"],"flag":"true"}"#.into(),
    ]));
    // A query has no text for `null`: an optional nullable member set to `None` inside is
    // left out, as an absent one is. A `deepObject` with no member sent is no key at all, so
    // it reads as absent; `box=` is the empty object.
    let params = ListParams {
        filter: Some(ListFilter { label: Some(None), ..ListFilter::default() }),
        r#box: Some(ListBox { d: Some(None), ..ListBox::default() }),
        ..ListParams::default()
    };
    let seen = client.list(&params).await.unwrap();
    assert_eq!(seen, ListResponse::Ok(vec![
        "None".into(),
        "None".into(),
        "Some(ListBox { w: None, h: None, d: None })".into(),
    ]));

    let url = |query: &str| format!("{base}/things?{query}");
    let reply = String::from_utf8(raw_request("GET", &url("low=0&filter%5Bmode%5D=thorough&filter[label]=null&box=h,3,w,4,d,0&labels[x]=0&labels%5By%5D=-2"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
    assert!(reply.ends_with(r#"["Some(ListRange { low: 0, high: None })","Some(ListFilter { name: None, mode: Some(Thorough), label: Some(Some(\"null\")) })","Some(ListBox { w: Some(4), h: Some(3), d: Some(Some(0)) })","{\"x\": 0, \"y\": -2}"]"#), "{reply}");

    // Every violation at once, each inside its parameter.
    let reply = String::from_utf8(raw_request("GET", &url("high=x&filter[name]=toolong&filter[size]=3&filter[label]=longer&box=w,2,h&labels[a]=x&labels[b]=10"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"invalidType","message":"expected an int32 number, got the string \"x\"","target":"range/high"},{"code":"missingProperty","message":"the required property 'low' is missing","target":"range/low"},{"code":"tooLong","message":"expected at most 5 characters, got 7","target":"filter/name"},{"code":"unknownProperty","message":"the property 'size' does not exist on type 'ListFilter'","target":"filter/size"},{"code":"tooLong","message":"expected at most 4 characters, got 6","target":"filter/label"},{"code":"invalidType","message":"expected an object (ListBox), got the string \"w,2,h\"","target":"box"},{"code":"invalidType","message":"expected an int32 number, got the string \"x\"","target":"labels/a"},{"code":"outOfRange","message":"expected a number at most 9, got 10","target":"labels/b"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url("box=d,null&filter[label]=null&meta[k]=v&meta[k]=w&meta[k]=x"), &[], b"").await).unwrap();
    assert!(reply.ends_with(r#"["None","Some(ListFilter { name: None, mode: None, label: Some(Some(\"null\")) })","Some(ListBox { w: None, h: None, d: Some(None) })","{\"k\":[\"v\",\"w\",\"x\"]}"]"#), "{reply}");
    // A member the object does not declare, sent twice, is what the object's schema makes of
    // it: refused by the closed filter, ignored by the open box.
    let reply = String::from_utf8(raw_request("GET", &url("filter[size]=3&filter[size]=4&box=x,1,w,1,x,2"), &[], b"").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"unknownProperty","message":"the property 'size' does not exist on type 'ListFilter'","target":"filter/size"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url("box=x,1,w,1,x,2"), &[], b"").await).unwrap();
    assert!(reply.ends_with(r#"["None","None","Some(ListBox { w: Some(1), h: None, d: None })"]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url("labels[a]=1&labels[a]=2"), &[], b"").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"duplicateParameter","message":"the query parameter 'labels' has its member 'a' sent 2 times; it takes one value","target":"labels/a"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url("low=1&low=2"), &[], b"").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"duplicateParameter","message":"the query parameter 'range' has its member 'low' sent 2 times; it takes one value","target":"range/low"}]"#), "{reply}");
}

#[tokio::test]
async fn a_required_list_sent_item_by_item_may_be_empty() {
    let (client, _, base) = start().await;
    // The client sends no key and no part for an empty list; the server reads none as empty.
    let created = client.create(&CreateParams { id: vec![], marks: None, window: CreateWindow::default(), extra: BTreeMap::new() }, &Tally { names: vec![] }).await.unwrap();
    assert_eq!(created, CreateResponse::Ok(vec!["id []".into(), "names []".into()]));
    let replaced = client.replace(&ReplaceParams {}, &ReplaceBody { names: vec![], count: None }).await.unwrap();
    assert_eq!(replaced, ReplaceResponse::Ok(vec!["names []".into(), "count None".into()]));

    let url = format!("{base}/tallies");
    let form = ["Content-Type: application/x-www-form-urlencoded"];
    let reply = String::from_utf8(raw_request("POST", &url, &form, b"").await).unwrap();
    assert!(reply.ends_with(r#"["id []","names []"]"#), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &format!("{url}?id=1&id=2"), &form, b"names=a").await).unwrap();
    assert!(reply.ends_with(r#"["id [1, 2]","names [\"a\"]"]"#), "{reply}");
    // A delimited list that needs an item reads its empty text as one empty item, as the
    // client writes `[""]`.
    let marked = client.create(&CreateParams { id: vec![], marks: Some(vec![String::new()]), window: CreateWindow::default(), extra: BTreeMap::new() }, &Tally { names: vec![] }).await.unwrap();
    assert_eq!(marked, CreateResponse::Ok(vec!["id []".into(), "names []".into(), r#"marks [""]"#.into()]));
    // A required object sent a key per member may have none set: no key is the empty object.
    let reply = String::from_utf8(raw_request("POST", &format!("{url}?to=3&x=y"), &form, b"").await).unwrap();
    assert!(reply.ends_with(r#"["id []","names []","CreateWindow { from: None, to: Some(3) } {\"x\": \"y\"}"]"#), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &format!("{url}?marks=a,,b"), &form, b"").await).unwrap();
    assert!(reply.ends_with(r#"["id []","names []","marks [\"a\", \"\", \"b\"]"]"#), "{reply}");
    // The list's own rules still hold, and an empty JSON body still lacks the property.
    let reply = String::from_utf8(raw_request("POST", &format!("{url}?id=x"), &form, b"names=a&names=b&names=c").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"invalidType","message":"expected an int32 number, got the string \"x\"","target":"id/0"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &url, &form, b"names=a&names=b&names=c").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"tooManyItems","message":"expected at most 2 items, got 3","target":"/names"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &url, &["Content-Type: application/json"], b"{}").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"missingProperty","message":"the required property 'names' is missing","target":"/names"}]"#), "{reply}");
    let multipart = ["Content-Type: multipart/form-data; boundary=B"];
    let reply = String::from_utf8(raw_request("PUT", &url, &multipart, b"--B--\r\n").await).unwrap();
    assert!(reply.ends_with(r#"["names []","count None"]"#), "{reply}");
    // A nullable part written as the text null, as schemathesis writes it, is absent.
    let part = |text: &str| format!("--B\r\nContent-Disposition: form-data; name=\"count\"\r\n\r\n{text}\r\n--B--\r\n");
    let reply = String::from_utf8(raw_request("PUT", &url, &multipart, part("null").as_bytes()).await).unwrap();
    assert!(reply.ends_with(r#"["names []","count None"]"#), "{reply}");
    let reply = String::from_utf8(raw_request("PUT", &url, &multipart, part("7").as_bytes()).await).unwrap();
    assert!(reply.ends_with(r#"["names []","count Some(7)"]"#), "{reply}");
    let reply = String::from_utf8(raw_request("PUT", &url, &multipart, part("seven").as_bytes()).await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"invalidType","message":"expected an int32 number, got the string \"seven\"","target":"count"}]"#), "{reply}");
}

#[tokio::test]
async fn a_path_written_out_leaves_its_missing_methods_to_the_template() {
    let (client, _, base) = start().await;
    // The router matches `/shelves/archive` first; GET is not among its methods, so the
    // templated `GET /shelves/{shelf}` serves it, with the text as its parameter.
    let got = client.get_shelf(&GetShelfParams { shelf: "archive".into() }).await.unwrap();
    assert_eq!(got, GetShelfResponse::Ok("archive".into()));
    assert_eq!(client.archive(&ArchiveParams {}).await.unwrap(), ArchiveResponse::NoContent);
    let reply = String::from_utf8(raw_request("GET", &format!("{base}/shelves/other"), &[], b"").await).unwrap();
    assert!(reply.ends_with("\r\n\r\n\"other\""), "{reply}");

    // Each method keeps its own checks, and a method neither path has is 405, naming both
    // the route's own and the template's.
    let reply = String::from_utf8(raw_request("POST", &format!("{base}/shelves/other"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 405 Method Not Allowed\r\n"), "{reply}");
    assert!(reply.contains(r#""message":"The method POST is not allowed on /v1/shelves/other; allowed: GET.""#), "{reply}");
    let reply = String::from_utf8(raw_request("DELETE", &format!("{base}/shelves/archive"), &[], b"").await).unwrap();
    assert!(reply.contains(r#""message":"The method DELETE is not allowed on /v1/shelves/archive; allowed: GET, POST.""#), "{reply}");
    // `/items/search` takes POST itself; GET is the item's, whose id is a number.
    let reply = String::from_utf8(raw_request("GET", &format!("{base}/items/search"), &[], b"").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"invalidType","message":"expected an int64 number, got the string \"search\"","target":"item-id"}]"#), "{reply}");
}

#[tokio::test]
async fn a_parameter_may_name_a_scalar_component() {
    let (client, _, base) = start().await;
    let params = ListParams { code: Some("ab".into()), ..ListParams::default() };
    assert!(client.list(&params).await.is_ok());
    let reply = String::from_utf8(raw_request("GET", &format!("{base}/things?code=a"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"tooShort","message":"expected at least 2 characters, got 1","target":"code"}]"#), "{reply}");
}

#[tokio::test]
async fn an_api_key_is_asked_for_checked_and_sent_where_the_spec_says() {
    let (client, _, base) = start().await;
    let params = GetParams { name: "n".into() };
    let error = client.get(&params).await.unwrap_err();
    assert_eq!((error.status(), error.code()), (Some(401), Some("InvalidAuthenticationToken")), "{error}");
    let keyed = Client::builder(&base).bearer_token("k1").build().unwrap();
    assert_eq!(keyed.get(&params).await.unwrap(), GetResponse::Ok(vec!["n".into(), "k1".into()]));

    let url = format!("{base}/keys/n");
    let reply = String::from_utf8(raw_request("GET", &url, &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{reply}");
    assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"The API key is missing: send it in the header `X-Api-Key`.""#), "{reply}");
    // A bearer token is not the key.
    let reply = String::from_utf8(raw_request("GET", &url, &["Authorization: Bearer k1"], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url, &["X-Api-Key: k2"], b"").await).unwrap();
    assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"That key opens nothing here.""#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url, &["x-api-key: k1"], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");

    // In the query.
    assert_eq!(keyed.list_keys(&ListKeysParams {}).await.unwrap(), ListKeysResponse::Ok(vec!["k1".into()]));
    let reply = String::from_utf8(raw_request("GET", &format!("{base}/keys"), &["X-Api-Key: k1"], b"").await).unwrap();
    assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"The API key is missing: send it in the query `api_key`.""#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &format!("{base}/keys?api_key=k%31"), &[], b"").await).unwrap();
    assert!(reply.ends_with("\r\n\r\n[\"k1\"]"), "{reply}");
}

#[tokio::test]
async fn any_alternative_of_the_spec_security_will_do() {
    let (client, _, base) = start().await;
    let error = client.list_either(&ListEitherParams {}).await.unwrap_err();
    assert_eq!((error.status(), error.code()), (Some(401), Some("InvalidAuthenticationToken")), "{error}");
    let keyed = Client::builder(&base).bearer_token("k1").build().unwrap();
    let k1 = vec!["k1".to_owned()];
    // Two keys: the client sends the first; the router takes either.
    assert_eq!(keyed.list_either(&ListEitherParams {}).await.unwrap(), ListEitherResponse::Ok(k1.clone()));
    let url = format!("{base}/keys/either");
    for (query, headers) in [("?api_key=k1", &[][..]), ("", &["X-Api-Key: k1"]), ("?api_key=", &["X-Api-Key: k1"])] {
        let reply = String::from_utf8(raw_request("GET", &format!("{url}{query}"), headers, b"").await).unwrap();
        assert!(reply.ends_with("\r\n\r\n[\"k1\"]"), "{query} {headers:?}: {reply}");
    }
    for headers in [&[][..], &["Authorization: Bearer k1"]] {
        let reply = String::from_utf8(raw_request("GET", &url, headers, b"").await).unwrap();
        assert!(reply.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{reply}");
        assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"The API key is missing: send it in the header `X-Api-Key`, or in the query `api_key`.""#), "{reply}");
    }
    let reply = String::from_utf8(raw_request("GET", &format!("{url}?api_key=k2"), &[], b"").await).unwrap();
    assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"That key opens nothing here.""#), "{reply}");

    // A bearer token or a key: the client sends the token as a bearer token.
    assert_eq!(keyed.list_token_or_key(&ListTokenOrKeyParams {}).await.unwrap(), ListTokenOrKeyResponse::Ok(k1));
    let url = format!("{base}/keys/either/token");
    for headers in [&["Authorization: Bearer k1"][..], &["X-Api-Key: k1"], &["Authorization: Bearer k1", "X-Api-Key: k2"]] {
        let reply = String::from_utf8(raw_request("GET", &url, headers, b"").await).unwrap();
        assert!(reply.ends_with("\r\n\r\n[\"k1\"]"), "{headers:?}: {reply}");
    }
    let reply = String::from_utf8(raw_request("GET", &url, &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{reply}");
    assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty: send a bearer token in `Authorization`, or the API key in the header `X-Api-Key`.""#), "{reply}");
    // `Authorization` sent decides: a malformed one is refused though a good key comes too.
    let reply = String::from_utf8(raw_request("GET", &url, &["Authorization: Basic azE=", "X-Api-Key: k1"], b"").await).unwrap();
    assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"The Authorization header must be `Bearer {token}` with a non-empty token.""#), "{reply}");
}

#[tokio::test]
async fn http_basic_credentials_are_asked_for_decoded_and_sent() {
    let (client, _, base) = start().await;
    let error = client.list_basic(&ListBasicParams {}).await.unwrap_err();
    assert_eq!((error.status(), error.code()), (Some(401), Some("InvalidAuthenticationToken")), "{error}");
    // The client's token is `user:password`; the password may hold a colon.
    let ann = Client::builder(&base).bearer_token("ann:se:cret").build().unwrap();
    let credentials = vec!["ann:se:cret".to_owned()];
    assert_eq!(ann.list_basic(&ListBasicParams {}).await.unwrap(), ListBasicResponse::Ok(credentials.clone()));

    let url = format!("{base}/keys/basic");
    for header in ["Authorization: Basic YW5uOnNlOmNyZXQ=", "Authorization: basic  YW5uOnNlOmNyZXQ "] {
        let reply = String::from_utf8(raw_request("GET", &url, &[header], b"").await).unwrap();
        assert!(reply.ends_with("\r\n\r\n[\"ann:se:cret\"]"), "{header}: {reply}");
    }
    let reply = String::from_utf8(raw_request("GET", &url, &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{reply}");
    assert!(reply.contains("\r\nwww-authenticate: Basic\r\n"), "{reply}");
    assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"Credentials are missing: send HTTP basic credentials in `Authorization`.""#), "{reply}");
    // Not base64, no colon once decoded, or a bearer token where only basic is taken.
    for header in ["Authorization: Basic !!!", "Authorization: Basic YW5u", "Authorization: Bearer k1", "Authorization: Basic"] {
        let reply = String::from_utf8(raw_request("GET", &url, &[header], b"").await).unwrap();
        assert!(reply.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{header}: {reply}");
        assert!(reply.contains(r#""message":"The Authorization header must be `Basic {credentials}`, the credentials `user:password` in base64.""#), "{header}: {reply}");
    }
    let reply = String::from_utf8(raw_request("GET", &url, &["Authorization: Basic Ym9iOng="], b"").await).unwrap();
    assert!(reply.contains("\r\nwww-authenticate: Basic\r\n"), "{reply}");
    assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"That key opens nothing here.""#), "{reply}");

    // A bearer token or basic credentials: the client sends a bearer token.
    let keyed = Client::builder(&base).bearer_token("k1").build().unwrap();
    assert_eq!(keyed.list_basic_or_token(&ListBasicOrTokenParams {}).await.unwrap(), ListBasicOrTokenResponse::Ok(vec!["k1".into()]));
    let url = format!("{base}/keys/basic/token");
    let reply = String::from_utf8(raw_request("GET", &url, &["Authorization: Basic YW5uOnNlOmNyZXQ="], b"").await).unwrap();
    assert!(reply.ends_with("\r\n\r\n[\"ann:se:cret\"]"), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url, &[], b"").await).unwrap();
    assert!(reply.contains("\r\nwww-authenticate: Bearer, Basic\r\n"), "{reply}");
    assert!(reply.contains(r#""message":"Access token is empty: send a bearer token in `Authorization`, or HTTP basic credentials in `Authorization`.""#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url, &["Authorization: Digest x"], b"").await).unwrap();
    assert!(reply.contains(r#""message":"The Authorization header must be `Bearer {token}` with a non-empty token, or `Basic {credentials}`, the credentials `user:password` in base64.""#), "{reply}");

    // Basic credentials or a key: the client sends its token as the key, whatever the spec's order.
    assert_eq!(keyed.list_basic_or_key(&ListBasicOrKeyParams {}).await.unwrap(), ListBasicOrKeyResponse::Ok(vec!["k1".into()]));
    let url = format!("{base}/keys/basic/key");
    let reply = String::from_utf8(raw_request("GET", &url, &["Authorization: Basic YW5uOnNlOmNyZXQ="], b"").await).unwrap();
    assert!(reply.ends_with("\r\n\r\n[\"ann:se:cret\"]"), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url, &[], b"").await).unwrap();
    assert!(reply.contains("\r\nwww-authenticate: Basic\r\n"), "{reply}");
    assert!(reply.contains(r#""message":"Credentials are missing: send HTTP basic credentials in `Authorization`, or the API key in the header `X-Api-Key`.""#), "{reply}");
}

#[test]
fn base64_is_read_as_http_basic_sends_it() {
    use openapi_graph_runtime::support::base64_decoded;
    let cases: [(&str, &[u8]); 7] = [("", b""), ("Zg==", b"f"), ("Zm8=", b"fo"), ("Zm9v", b"foo"), ("Zm9vYg", b"foob"), ("Zm9vYmE=", b"fooba"), ("+/+/", &[0xfb, 0xff, 0xbf])];
    for (text, bytes) in cases {
        assert_eq!(base64_decoded(text).as_deref(), Some(bytes), "{text}");
    }
    for text in ["Z", "Zm9vY", "Zm9v!", "Zg===", "Z===", "Zm 9v"] {
        assert_eq!(base64_decoded(text), None, "{text}");
    }
}

#[tokio::test]
async fn an_api_key_in_a_cookie_is_asked_for_and_joins_the_other_cookies() {
    let (client, _, base) = start().await;
    let params = GetByCookieParams { name: "n".into(), theme: Some("dark mode".into()) };
    let error = client.get_by_cookie(&params).await.unwrap_err();
    assert_eq!((error.status(), error.code()), (Some(401), Some("InvalidAuthenticationToken")), "{error}");
    // The client sends the key and the parameter in one `Cookie` header.
    let keyed = Client::builder(&base).bearer_token("k1").build().unwrap();
    let expected = ["n", "dark mode", "k1", "1"].map(String::from).to_vec();
    assert_eq!(keyed.get_by_cookie(&params).await.unwrap(), GetByCookieResponse::Ok(expected));
    let alone = GetByCookieParams { name: "n".into(), theme: None };
    let expected = ["n", "", "k1", "1"].map(String::from).to_vec();
    assert_eq!(keyed.get_by_cookie(&alone).await.unwrap(), GetByCookieResponse::Ok(expected));

    let url = format!("{base}/keys/n/cookie");
    for headers in [&[][..], &["Authorization: Bearer k1"], &["X-Api-Key: k1", "Cookie: theme=x"], &["Cookie: session_key="]] {
        let reply = String::from_utf8(raw_request("GET", &url, headers, b"").await).unwrap();
        assert!(reply.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{headers:?}: {reply}");
        assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"The API key is missing: send it in the cookie `session_key`.""#), "{headers:?}: {reply}");
    }
    let reply = String::from_utf8(raw_request("GET", &url, &["Cookie: session_key=k2"], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 401 Unauthorized\r\n"), "{reply}");
    assert!(reply.contains(r#"{"error":{"code":"InvalidAuthenticationToken","message":"That key opens nothing here.""#), "{reply}");
    // Percent-decoded like any cookie parameter, found among others and across headers.
    let reply = String::from_utf8(raw_request("GET", &url, &["Cookie: theme=x%20y", "Cookie: other=1; session_key=k%31"], b"").await).unwrap();
    assert!(reply.ends_with("\r\n\r\n[\"n\",\"x y\",\"k1\",\"2\"]"), "{reply}");
}

#[tokio::test]
async fn binary_bodies_go_both_ways_as_bytes() {
    let (client, service, base) = start().await;
    let bytes = b"\x00\xffnot JSON {".to_vec();
    let stored = client.set_content(&SetContentParams { item_id: 1 }, &bytes).await.unwrap();
    assert_eq!(stored, SetContentResponse::NoContent);
    assert_eq!(service.content.lock().unwrap()[&1], bytes);
    assert_eq!(client.get_content(&GetContentParams { item_id: 1 }).await.unwrap(), GetContentResponse::Ok(bytes.clone()));

    let url = format!("{base}/items/1/content/$value");
    let reply = raw_request("GET", &url, &[], b"").await;
    let head = String::from_utf8_lossy(&reply[..reply.len() - bytes.len()]).into_owned();
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.contains("\r\ncontent-type: application/octet-stream\r\n"), "{head}");
    assert!(reply.ends_with(&bytes), "{reply:?}");

    // Any media type is taken, or none; only a missing body is refused.
    let reply = raw_request("PUT", &url, &["Content-Type: image/png"], b"png").await;
    assert!(reply.starts_with(b"HTTP/1.1 204 No Content\r\n"), "{}", String::from_utf8_lossy(&reply));
    assert_eq!(service.content.lock().unwrap()[&1], b"png");
    let reply = String::from_utf8(raw_request("PUT", &url, &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#"{"error":{"code":"invalidRequest","message":"A request body is required.","#), "{reply}");
}

#[tokio::test]
async fn delimited_arrays_travel_with_their_delimiter() {
    let (client, service, base) = start().await;
    let params = ListItemParams { ids: Some(vec![3, 1]), words: Some(vec!["a|b".into(), "c".into()]), ..ListItemParams::default() };
    client.list_item(&params).await.unwrap();
    let seen = service.last_list.lock().unwrap().clone().unwrap();
    assert_eq!((seen.ids, seen.words), (Some(vec![3, 1]), Some(vec!["a|b".to_owned(), "c".to_owned()])));
    let reply = raw_request("GET", &format!("{base}/items?ids=4%7C5&words=x%20y"), &[], b"").await;
    assert!(reply.starts_with(b"HTTP/1.1 200 OK\r\n"), "{}", String::from_utf8_lossy(&reply));
    let seen = service.last_list.lock().unwrap().clone().unwrap();
    assert_eq!((seen.ids, seen.words), (Some(vec![4, 5]), Some(vec!["x".to_owned(), "y".to_owned()])));
}

#[tokio::test]
async fn cookie_parameters_travel_in_the_cookie_header() {
    let (client, service, base) = start().await;
    let params = ListItemParams { session: Some("a b;c=d%".into()), views: Some(vec![Mode::Fast, Mode::Thorough]), ..ListItemParams::default() };
    client.list_item(&params).await.unwrap();
    let seen = service.last_list.lock().unwrap().clone().unwrap();
    assert_eq!((seen.session.as_deref(), seen.views), (Some("a b;c=d%"), Some(vec![Mode::Fast, Mode::Thorough])), "escaped by the client, decoded by the server");

    let reply = raw_request("GET", &format!("{base}/items"), &["Cookie: theme=dark; session=x%20yz; views=fast"], b"").await;
    assert!(reply.starts_with(b"HTTP/1.1 200 OK\r\n"), "{}", String::from_utf8_lossy(&reply));
    let seen = service.last_list.lock().unwrap().clone().unwrap();
    assert_eq!((seen.session.as_deref(), seen.views), (Some("x yz"), Some(vec![Mode::Fast])));

    let reply = String::from_utf8(raw_request("GET", &format!("{base}/items"), &["Cookie: session=ab"], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"tooShort","message":"expected at least 3 characters, got 2","target":"session"}]"#), "{reply}");
}

#[tokio::test]
async fn form_bodies_are_read_field_by_field_and_checked_as_objects() {
    let (client, _, base) = start().await;
    let body = SearchItemsBody { query: "a b&c=d".into(), limit: Some(2), exact: Some(true), mode: Some(Mode::Fast), tags: Some(vec!["x".into(), "y z".into()]) };
    let echoed = client.search_items(&SearchItemsParams {}, &body).await.unwrap();
    let expected = ["a b&c=d", "Some(2)", "Some(true)", "Some(Fast)", r#"Some(["x", "y z"])"#];
    assert_eq!(echoed, SearchItemsResponse::Ok(expected.map(String::from).to_vec()));

    let empty = SearchItemsBody { query: String::new(), limit: None, exact: None, mode: None, tags: None };
    let refused = client.search_items(&SearchItemsParams {}, &empty).await.unwrap_err();
    assert!(matches!(&refused, ClientError::Invalid(error) if error.violations[0].code == "tooShort"), "{refused:?}");

    let url = format!("{base}/items/search");
    let form = ["Content-Type: application/x-www-form-urlencoded"];
    let reply = String::from_utf8(raw_request("POST", &url, &form, b"query=a+b%26c&tags=x&limit=3").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
    assert!(reply.ends_with(r#"["a b&c","Some(3)","None","None","Some([\"x\"])"]"#), "{reply}");

    let reply = String::from_utf8(raw_request("POST", &url, &form, b"limit=zero&colour=red&limit=4").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    let details = r#""details":[{"code":"invalidType","message":"expected an int32 number, got an array","target":"/limit"},{"code":"unknownProperty","message":"the property 'colour' does not exist on type 'SearchItemsBody'","target":"/colour"},{"code":"missingProperty","message":"the required property 'query' is missing","target":"/query"}]"#;
    assert!(reply.contains(details), "{reply}");

    let reply = String::from_utf8(raw_request("POST", &url, &["Content-Type: application/json"], br#"{"query":"a"}"#).await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 415 Unsupported Media Type\r\n"), "{reply}");
    assert!(reply.contains("The request has Content-Type 'application/json'; send application/x-www-form-urlencoded."), "{reply}");
}

#[tokio::test]
async fn a_body_offered_as_json_a_form_and_multipart_is_taken_as_each() {
    let (client, _, base) = start().await;
    let comment = Comment { text: "hi there".into(), rating: Some(4), pinned: Some(true), mode: Some(Mode::Fast), mentions: Some(vec!["a".into(), "b".into()]) };
    let created = client.add_comment(&AddCommentParams { item_id: 1 }, &comment).await.unwrap();
    assert_eq!(created, AddCommentResponse::Created(comment), "the client sends JSON");

    let url = format!("{base}/items/1/comments");
    let stored = r#"{"text":"hi there","rating":4,"pinned":true,"mode":"fast","mentions":["a","b"]}"#;
    let form = ["Content-Type: application/x-www-form-urlencoded; charset=UTF-8"];
    let reply = String::from_utf8(raw_request("POST", &url, &form, b"text=hi+there&rating=4&pinned=true&mode=fast&mentions=a&mentions=b").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 201 Created\r\n"), "{reply}");
    assert!(reply.ends_with(stored), "{reply}");
    let multipart = ["Content-Type: multipart/form-data; boundary=B"];
    let part = |name: &str, text: &str| format!("--B\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{text}\r\n");
    let parts = [part("text", "hi there"), part("rating", "4"), part("pinned", "true"), part("mode", "fast"), part("mentions", "a"), part("mentions", "b")].concat() + "--B--\r\n";
    let reply = String::from_utf8(raw_request("POST", &url, &multipart, parts.as_bytes()).await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 201 Created\r\n"), "{reply}");
    assert!(reply.ends_with(stored), "{reply}");

    // The same mistakes get the same details, whichever way they are sent.
    let details = r#""details":[{"code":"outOfRange","message":"expected a number at most 5, got 9","target":"/rating"},{"code":"unknownProperty","message":"the property 'colour' does not exist on type 'comment'","target":"/colour"},{"code":"missingProperty","message":"the required property 'text' is missing","target":"/text"}]"#;
    let reply = String::from_utf8(raw_request("POST", &url, &form, b"rating=9&colour=red").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(details), "{reply}");
    let parts = [part("rating", "9"), part("colour", "red")].concat() + "--B--\r\n";
    let reply = String::from_utf8(raw_request("POST", &url, &multipart, parts.as_bytes()).await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(details), "{reply}");
    let json = ["Content-Type: application/json"];
    let reply = String::from_utf8(raw_request("POST", &url, &json, br#"{"rating":9,"colour":"red"}"#).await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(details), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &url, &["Content-Type: text/json"], br#"{"text":"hi there"}"#).await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 201 Created\r\n"), "{reply}");
    assert!(reply.ends_with(r#"{"text":"hi there"}"#), "{reply}");

    let reply = String::from_utf8(raw_request("POST", &url, &multipart, b"--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--\r\n").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"invalidMultipart","message":"the multipart body has a part without a name in its Content-Disposition","target":""}]"#), "{reply}");

    // An empty form is a form without fields; empty JSON is no body at all.
    let reply = String::from_utf8(raw_request("POST", &url, &form, b"").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"missingProperty","message":"the required property 'text' is missing","target":"/text"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &url, &json, b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""message":"A request body is required.""#), "{reply}");

    let reply = String::from_utf8(raw_request("POST", &url, &["Content-Type: text/plain"], b"text=hi").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 415 Unsupported Media Type\r\n"), "{reply}");
    assert!(reply.contains("The request has Content-Type 'text/plain'; send application/json, application/x-www-form-urlencoded or multipart/form-data."), "{reply}");

    // Forms that cannot carry the schema's nested object are not taken.
    let url = format!("{base}/items/1/reviews");
    let reply = String::from_utf8(raw_request("POST", &url, &form, b"stars=3").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 415 Unsupported Media Type\r\n"), "{reply}");
    assert!(reply.contains("send application/json."), "{reply}");
    let reply = raw_request("POST", &url, &json, br#"{"stars":3,"author":{"name":"Ann"}}"#).await;
    assert!(reply.starts_with(b"HTTP/1.1 204 No Content\r\n"), "{}", String::from_utf8_lossy(&reply));
}

#[tokio::test]
async fn query_parameters_allowed_empty_read_as_their_spec_says() {
    let (client, _, base) = start().await;
    let url = |query: &str| format!("{base}/items/1/versions?{query}");
    let reply = String::from_utf8(raw_request("GET", &url("versions&limit=&tags=&order=&note="), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n"), "{reply}");
    assert!(reply.ends_with(r#"["versions true","limit None","tags Some([])","order None","note Some(\"\")"]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url("versions=&limit=5&tags=a&order=fast"), &[], b"").await).unwrap();
    assert!(reply.ends_with(r#"["versions true","limit Some(5)","tags Some([\"a\"])","order Some(Fast)","note None"]"#), "{reply}");

    // An empty value is one value: sent twice, or beside text, it is what it always was.
    let reply = String::from_utf8(raw_request("GET", &url("versions&limit=&limit=&order=slow"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"duplicateParameter","message":"the query parameter 'limit' is sent 2 times; it takes one value","target":"limit"},{"code":"invalidEnumValue","message":"expected one of fast, thorough, got the string \"slow\"","target":"order"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url("limit="), &[], b"").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"missingParameter","message":"the required query parameter 'versions' is missing","target":"versions"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url("versions=false"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"invalidEnumValue","message":"expected one of true, got the boolean false","target":"versions"}]"#), "{reply}");

    let params = ListVersionsParams { item_id: 1, versions: true, limit: Some(3), tags: None, order: None, note: Some(String::new()) };
    let ListVersionsResponse::Ok(seen) = client.list_versions(&params).await.unwrap();
    assert_eq!(seen, ["versions true", "limit Some(3)", "tags None", "order None", "note Some(\"\")"]);
}

#[tokio::test]
async fn json_without_a_schema_is_any_json_value_both_ways() {
    let (client, _, base) = start().await;
    let value = serde_json::json!({"a": [1, null, "x"], "b": {"c": true}});
    assert_eq!(client.echo(&EchoParams {}, &value).await.unwrap(), EchoResponse::Ok(value));
    let json = ["Content-Type: application/json"];
    let reply = String::from_utf8(raw_request("POST", &format!("{base}/echo"), &json, b"null").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n") && reply.ends_with("\r\n\r\nnull"), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &format!("{base}/echo"), &json, b"[1,").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""code":"malformedJson""#), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &format!("{base}/echo"), &json, br#"[{"a": 1, "a": 2}]"#).await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    let body: serde_json::Value = serde_json::from_str(reply.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(
        body["error"]["details"],
        serde_json::json!([{"code": "duplicateProperty", "message": "the property 'a' is sent more than once; it takes one value", "target": "/0/a"}])
    );
}

#[tokio::test]
async fn patch_tells_absent_null_and_value_apart() {
    let (client, service, _) = start().await;
    client.create_item(&CreateItemParams {}, &item("box", Some(Some(3)))).await.unwrap();
    let params = UpdateItemParams { item_id: 1, if_match: "*".into() };
    let size = || service.items.lock().unwrap()[&1].size;

    let absent = ItemPatch { name: Some("renamed".into()), size: None };
    client.update_item(&params, Some(&absent)).await.unwrap();
    assert_eq!(size(), Some(Some(3)), "an absent size is left alone");
    assert_eq!(service.items.lock().unwrap()[&1].name, "renamed");

    client.update_item(&params, Some(&ItemPatch { name: None, size: Some(Some(7)) })).await.unwrap();
    assert_eq!(size(), Some(Some(7)));

    client.update_item(&params, Some(&ItemPatch { name: None, size: Some(None) })).await.unwrap();
    assert_eq!(size(), Some(None), "an explicit null clears it");

    assert_eq!(client.update_item(&params, None).await.unwrap(), UpdateItemResponse::NoContent, "the body is optional");

    let stale = UpdateItemParams { item_id: 1, if_match: "W/\"1\"".into() };
    let error = client.update_item(&stale, None).await.unwrap_err();
    assert_eq!((error.status(), error.code()), (Some(412), Some("resourceModified")));
}

#[tokio::test]
async fn bad_parameters_over_http_are_400_with_every_detail() {
    let (_, _, base) = start().await;
    let response = reqwest_free_get(&format!("{base}/items?$top=x&mode=slow")).await;
    assert!(response.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{response}");
    let body: serde_json::Value = serde_json::from_str(response.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(body["error"]["message"], "The request is not a valid items_ListItem parameters: 2 problems found.");
    assert_eq!(body["error"]["details"][0]["target"], "$top");
    assert_eq!(body["error"]["details"][1]["target"], "mode");

    let response = reqwest_free_get(&format!("{base}/items/0")).await;
    assert!(response.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{response}");
}

#[tokio::test]
async fn client_refuses_a_label_that_breaks_its_pattern_before_the_server_sees_it() {
    let (client, _, _) = start().await;
    let label = PutItemsByItemIdLabelsByLabelParams { item_id: 1, label: "UPPER".into() };
    let error = client.put_items_by_item_id_labels_by_label(&label).await.unwrap_err();
    let ClientError::Api { status, error: Some(body), .. } = &error else { panic!("{error:?}") };
    assert_eq!(*status, 400);
    assert_eq!(body.error.details[0].target.as_deref(), Some("label"));
    assert_eq!(body.error.details[0].code, "patternMismatch");
}

/// A GET over a plain TCP stream, for requests the typed client cannot express.
async fn reqwest_free_get(url: &str) -> String {
    reqwest_free_request("GET", url).await
}

/// The raw HTTP/1.1 answer to a request without a body, read to the end.
async fn reqwest_free_request(method: &str, url: &str) -> String {
    String::from_utf8(raw_request(method, url, &[], b"").await).unwrap()
}

async fn raw_request(method: &str, url: &str, headers: &[&str], body: &[u8]) -> Vec<u8> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.trim_start_matches("http://");
    let (address, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let extra: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
    let head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await.unwrap();
    reply
}

#[tokio::test]
async fn parameters_of_a_scalar_union_without_a_type_and_with_a_date_time_round_trip() {
    let (client, _, base) = start().await;
    let since = chrono::DateTime::parse_from_rfc3339("2026-11-28T08:30:00+01:00").unwrap();
    let params = GetRunParams {
        run_id: RunId::Integer(42),
        since: Some(since),
        hint: Some(serde_json::json!("7 days")),
        marks: Some(vec![serde_json::json!("a"), serde_json::json!("b")]),
        retry: Some(GetRunRetry::Boolean(false)),
    };
    let GetRunResponse::Ok(seen) = client.get_run(&params).await.unwrap();
    assert_eq!(seen, ["run Integer(42)", "since 2026-11-28T08:30:00+01:00", r#"hint "7 days""#, r#"marks ["a","b"]"#, "retry Boolean(false)"]);
    let params = GetRunParams { run_id: RunId::String("ci.yml".into()), since: None, hint: None, marks: None, retry: Some(GetRunRetry::Integer(2)) };
    let GetRunResponse::Ok(seen) = client.get_run(&params).await.unwrap();
    assert_eq!(seen, [r#"run String("ci.yml")"#, "retry Integer(2)"]);

    // Text that reads as a number is the number; a number of the wrong kind is neither.
    let reply = String::from_utf8(raw_request("GET", &format!("{base}/runs/7?hint=12"), &[], b"").await).unwrap();
    assert!(reply.ends_with(r#"["run Integer(7)","hint \"12\""]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &format!("{base}/runs/4.5?since=yesterday"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"noAlternativeMatches","message":"expected one of Integer, String, but the value matches none; closest is Integer:","target":"run-id"},{"code":"invalidType","message":"expected an int64 number, got the number 4.5","target":"run-id"},{"code":"invalidFormat","message":"expected an RFC 3339 date-time with an offset, such as 2026-11-28T10:00:00Z, got \"yesterday\"","target":"since"}]"#), "{reply}");
}

#[tokio::test]
async fn text_bodies_are_read_as_their_schema_says_and_checked() {
    let (client, _, base) = start().await;
    let SetNoteResponse::Ok(note) = client.set_note(&SetNoteParams { run_id: RunId::Integer(3) }, &"tidy up ✓".to_owned()).await.unwrap();
    assert_eq!(note, "Integer(3): tidy up ✓");
    let retry = RetryParams { run_id: RunId::String("ci.yml".into()) };
    let RetryResponse::Ok(seen) = client.retry(&retry, Some(&2)).await.unwrap();
    assert_eq!(seen, ["Some(2)"]);
    let RetryResponse::Ok(seen) = client.retry(&retry, None).await.unwrap();
    assert_eq!(seen, ["None"]);
    // The client refuses what the server would.
    let error = client.retry(&retry, Some(&0)).await.unwrap_err();
    let ClientError::Invalid(invalid) = error else { panic!("{error:?}") };
    assert_eq!((invalid.violations[0].code, invalid.violations[0].message.as_str()), ("outOfRange", "expected a number at least 1, got 0"));

    let note = format!("{base}/runs/3/note");
    let reply = String::from_utf8(raw_request("PUT", &note, &["Content-Type: application/json"], b"\"x\"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 415 Unsupported Media Type\r\n"), "{reply}");
    assert!(reply.contains(r#""message":"The request has Content-Type 'application/json'; send text/plain.""#), "{reply}");
    let reply = String::from_utf8_lossy(&raw_request("PUT", &note, &["Content-Type: text/plain"], b"caf\xe9").await).into_owned();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"malformedText","message":"the body is not UTF-8 text: incomplete utf-8 byte sequence from index 3","target":""}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("PUT", &note, &["Content-Type: text/plain; charset=utf-8"], b"far too long a note").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"tooLong","message":"expected at most 12 characters, got 19","target":""}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &note, &["Content-Type: text/plain"], b"two").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"invalidType","message":"expected an int32 number, got the string \"two\"","target":""}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("POST", &note, &["Content-Type: text/plain"], b"5").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200 OK\r\n") && reply.ends_with(r#"["Some(5)"]"#), "{reply}");
}

#[tokio::test]
async fn a_free_form_object_in_the_query_takes_every_key_no_other_parameter_does() {
    let (client, _, base) = start().await;
    let labels = BTreeMap::from([("blocked".to_owned(), 2), ("flaky tests".to_owned(), 0)]);
    let params = ListRunsParams { top: Some(5), labels: Some(labels) };
    assert_eq!(params.query(), vec![("top", "5".to_owned()), ("blocked", "2".to_owned()), ("flaky tests", "0".to_owned())]);
    let ListRunsResponse::Ok(seen) = client.list_runs(&params).await.unwrap();
    assert_eq!(seen, ["top Some(5)", r#"labels Some({"blocked": 2, "flaky tests": 0})"#]);
    let ListRunsResponse::Ok(seen) = client.list_runs(&ListRunsParams::default()).await.unwrap();
    assert_eq!(seen, ["top None", "labels None"]);

    let reply = String::from_utf8(raw_request("GET", &format!("{base}/runs?top=x&a=-1&b=two"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"invalidType","message":"expected an int32 number, got the string \"x\"","target":"top"},{"code":"outOfRange","message":"expected a number at least 0, got -1","target":"labels/a"},{"code":"invalidType","message":"expected an int32 number, got the string \"two\"","target":"labels/b"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &format!("{base}/runs?a=1&a=2"), &[], b"").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"duplicateParameter","message":"the query parameter 'labels' has its member 'a' sent 2 times; it takes one value","target":"labels/a"}]"#), "{reply}");
}

#[tokio::test]
async fn a_large_body_and_an_empty_304_are_both_successes() {
    let (client, _, _) = start().await;
    let params = GetSummaryParams { run_id: RunId::Integer(9), if_none_match: None };
    let GetSummaryResponse::Ok(summary) = client.get_summary(&params).await.unwrap() else { panic!("expected the summary") };
    assert_eq!(summary, RunSummary { title: Some("Integer(9)".into()), ..RunSummary::default() });
    let params = GetSummaryParams { if_none_match: Some("\"v1\"".into()), ..params };
    assert_eq!(client.get_summary(&params).await.unwrap(), GetSummaryResponse::NotModified);
}

#[tokio::test]
async fn a_date_time_answered_as_text_is_rfc_3339_on_the_wire() {
    let (client, _, base) = start().await;
    let GetStartedResponse::Ok(started) = client.get_started(&GetStartedParams { run_id: RunId::Integer(1) }).await.unwrap();
    assert_eq!(started, chrono::DateTime::parse_from_rfc3339("2026-11-28T08:30:00.5+01:00").unwrap());
    let reply = String::from_utf8(raw_request("GET", &format!("{base}/runs/1/started"), &[], b"").await).unwrap();
    assert!(reply.contains("content-type: text/plain\r\n") && reply.ends_with("\r\n\r\n2026-11-28T08:30:00.500+01:00"), "{reply}");
}

#[tokio::test]
async fn a_path_and_a_query_parameter_of_one_name_each_keep_their_own_value() {
    let (client, service, base) = start().await;
    let sent = GetPathParams { path: "nodes".into(), path_2: Some("logs/today".into()), hops: Some(2) };
    let GetPathResponse::NoContent = client.get_path(&sent).await.unwrap();
    assert_eq!(service.last_proxy.lock().unwrap().take(), Some(sent));

    let reply = reqwest_free_get(&format!("{base}/proxy/pods?path=x")).await;
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    let body: serde_json::Value = serde_json::from_str(reply.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    assert_eq!(body["error"]["details"], serde_json::json!([
        {"code": "tooShort", "message": "expected at least 2 characters, got 1", "target": "path"}
    ]));
    assert!(service.last_proxy.lock().unwrap().is_none());
}

/// `:token` in a spec's path is text: the router matches it as written (axum would otherwise
/// refuse to mount it) and takes nothing else in its place; the client sends it as written.
#[tokio::test]
async fn a_segment_that_starts_with_a_colon_is_matched_as_text() {
    let (client, _, base) = start().await;
    let GetFeedResponse::NoContent = client.get_feed(&GetFeedParams {}).await.unwrap();
    let reply = reqwest_free_request("GET", &format!("{base}/webhooks/feed/:token")).await;
    assert!(reply.starts_with("HTTP/1.1 204 No Content\r\n"), "{reply}");
    let reply = reqwest_free_request("GET", &format!("{base}/webhooks/feed/abc")).await;
    assert!(reply.starts_with("HTTP/1.1 404 Not Found\r\n"), "{reply}");
}

/// A base path given without its leading `/`, or with a trailing one, is mounted as `/api/v2`.
#[tokio::test]
async fn a_base_path_is_mounted_with_one_leading_slash_whatever_its_slashes() {
    for base_path in ["api/v2/", "/api/v2", "//api/v2//"] {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let config = ServerConfig { base_path: Some(base_path.into()), ..ServerConfig::default() };
        let app = router_with(Arc::new(Items::default()), config);
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let reply = reqwest_free_request("GET", &format!("http://{address}/api/v2/webhooks/feed/:token")).await;
        assert!(reply.starts_with("HTTP/1.1 204 No Content\r\n"), "{base_path}: {reply}");
    }
}

/// Operations named `clone` and `new` are the service's and the client's own methods: the
/// server calls the trait's `clone`, not the `Arc`'s, and the client's inherent `clone` comes
/// before `Clone::clone`.
#[tokio::test]
async fn operations_named_clone_and_new_reach_their_service_methods() {
    let (client, _, _) = start().await;
    let CloneResponse::Created(copy) = client.clone(&CloneParams { item_id: 7 }).await.unwrap();
    assert_eq!(copy, Item { id: Some(1007), name: "copy".into(), size: None });
    let NewResponse::NoContent = client.new(&NewParams {}).await.unwrap();
}

/// With its Content-Type, an empty body is a value: the empty string (checked by the text's
/// rules), an empty file, a form without fields (checked by the form's). Without one, a
/// required body is missing.
#[tokio::test]
async fn an_empty_body_with_its_content_type_is_the_empty_value() {
    let (client, service, base) = start().await;
    // The crate's own client sends an empty file so, and its server takes it.
    let stored = client.set_content(&SetContentParams { item_id: 2 }, &Vec::new()).await.unwrap();
    assert_eq!((stored, service.content.lock().unwrap()[&2].clone()), (SetContentResponse::NoContent, Vec::new()));

    let reply = String::from_utf8(raw_request("PUT", &format!("{base}/runs/7/note"), &["Content-Type: text/plain"], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"tooShort","message":"expected at least 1 character, got 0","target":""}]"#), "{reply}");

    let reply = raw_request("PUT", &format!("{base}/items/1/content/$value"), &["Content-Type: application/octet-stream"], b"").await;
    assert!(reply.starts_with(b"HTTP/1.1 204 No Content\r\n"), "{}", String::from_utf8_lossy(&reply));
    assert_eq!(service.content.lock().unwrap()[&1], b"");

    let reply = String::from_utf8(raw_request("POST", &format!("{base}/items/search"), &["Content-Type: application/x-www-form-urlencoded"], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"missingProperty","message":"the required property 'query' is missing","target":"/query"}]"#), "{reply}");

    let reply = String::from_utf8(raw_request("PUT", &format!("{base}/runs/7/note"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 415 Unsupported Media Type\r\n"), "{reply}");
}

#[tokio::test]
async fn a_parameter_that_is_one_value_or_a_list_travels_as_its_style_says() {
    let (client, service, base) = start().await;
    let sent = |params: ListExternalsParams| {
        let client = &client;
        let service = &service;
        async move {
            assert_eq!(client.list_externals(&params).await.unwrap(), ListExternalsResponse::NoContent);
            service.last_externals.lock().unwrap().take().unwrap()
        }
    };
    // One value, several, and the list's delimited form when the style is not exploded.
    let params = ListExternalsParams { id: Some(ListExternalsId::String("a".into())), size: Some(ListExternalsSize::Integer(7)), outcome: Some(Outcome::Err2) };
    assert_eq!(params.query(), vec![("id", "a".to_owned()), ("size", "7".to_owned()), ("outcome", "Err".to_owned())]);
    assert_eq!(sent(params.clone()).await, params);
    let params = ListExternalsParams { id: Some(ListExternalsId::Array(vec!["a".into(), "b,c".into()])), size: Some(ListExternalsSize::Array(vec!["s".into(), "m".into()])), outcome: None };
    assert_eq!(params.query(), vec![("id", "a".to_owned()), ("id", "b,c".to_owned()), ("size", "s,m".to_owned())]);
    assert_eq!(sent(params.clone()).await, params);
    // A one-item list is written as one value, which reads as the scalar alternative where
    // it holds, and as the list where it does not (`size=s` is no int32).
    let params = ListExternalsParams { id: Some(ListExternalsId::Array(vec!["a".into()])), size: Some(ListExternalsSize::Array(vec!["s".into()])), outcome: None };
    let seen = sent(params).await;
    assert_eq!(seen.id, Some(ListExternalsId::String("a".into())));
    assert_eq!(seen.size, Some(ListExternalsSize::Array(vec!["s".into()])));

    let url = |query: &str| format!("{base}/externals?{query}");
    let reply = String::from_utf8(raw_request("GET", &url("id=a&id=b&id=c&id=d&size=1,2&outcome=Self"), &[], b"").await).unwrap();
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"noAlternativeMatches","message":"expected one of String, Array, but the value matches none; closest is Array:","target":"id"},{"code":"tooManyItems","message":"expected at most 3 items, got 4","target":"id"}]"#), "{reply}");
    let reply = String::from_utf8(raw_request("GET", &url("id=&size=1&size=2"), &[], b"").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"noAlternativeMatches","message":"expected one of String, Array, but the value matches none; closest is String:","target":"id"},{"code":"tooShort","message":"expected at least 1 character, got 0","target":"id"},{"code":"duplicateParameter","message":"the query parameter 'size' is sent 2 times; it takes one value","target":"size"}]"#), "{reply}");

    // In the path (style `simple`), a list is its items joined by commas.
    for keys in [GetSelfKeys::Integer(-4), GetSelfKeys::Array(vec![1, 2, 3])] {
        let params = GetSelfParams { self_: "me/you".into(), keys };
        assert_eq!(client.get_self(&params).await.unwrap(), GetSelfResponse::NoContent);
        assert_eq!(service.last_self.lock().unwrap().take(), Some(params));
    }
    assert_eq!(GetSelfParams { self_: "a b".into(), keys: GetSelfKeys::Array(vec![1, 2]) }.path(), "/externals/a%20b/1%2C2");
    let reply = String::from_utf8(raw_request("GET", &format!("{base}/externals/x/1,y"), &[], b"").await).unwrap();
    assert!(reply.contains(r#""details":[{"code":"noAlternativeMatches","message":"expected one of Integer, Array, but the value matches none; closest is Array:","target":"keys"},{"code":"invalidType","message":"expected an int32 number, got the string \"y\"","target":"keys/1"}]"#), "{reply}");
}

#[tokio::test]
async fn a_body_union_hands_the_service_the_alternative_the_body_satisfies() {
    let (client, service, base) = start().await;
    // The first alternative decodes the second's body too (its enum keeps unknown values and
    // undeclared members are dropped); the one the body satisfies is taken.
    let floating = ExternalCreate::ExternalCreateVariant2(ExternalCreateVariant2 { r#type: ExternalCreateType2::Floating, name: "pool-a".into(), tags: None });
    assert_eq!(client.create_external(&CreateExternalParams {}, &floating).await.unwrap(), CreateExternalResponse::Created(Outcome::Err));
    assert_eq!(service.last_external.lock().unwrap().take(), Some(floating.clone()));
    let decoded: ExternalCreate = serde_json::from_str(r#"{"type": "floating", "name": "pool-a"}"#).unwrap();
    assert_eq!(decoded, floating);
    let ephemeral = ExternalCreate::ExternalCreateVariant1(ExternalCreateVariant1 { r#type: ExternalCreateType::Ephemeral, pool_name: Some(None), never: None });
    assert_eq!(client.create_external(&CreateExternalParams {}, &ephemeral).await.unwrap(), CreateExternalResponse::Created(Outcome::Ok));
    assert_eq!(service.last_external.lock().unwrap().take(), Some(ephemeral));

    let post = |body: &'static str| {
        let url = format!("{base}/externals");
        async move { String::from_utf8(raw_request("POST", &url, &["Content-Type: application/json"], body.as_bytes()).await).unwrap() }
    };
    let reply = post(r#"{"type": "ephemeral", "pool_name": "pool-b"}"#).await;
    assert!(reply.starts_with("HTTP/1.1 201 Created\r\n") && reply.ends_with("\r\n\r\n\"ok\""), "{reply}");
    // The name's rules hold through the nullable `allOf` wrapper; nothing passes `never`, not
    // even `null`; a map of values that cannot exist must be empty.
    let reply = post(r#"{"type": "ephemeral", "pool_name": "Pool", "never": null}"#).await;
    assert!(reply.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{reply}");
    assert!(reply.contains(r#""details":[{"code":"noAlternativeMatches","message":"expected one of ExternalCreateVariant1, ExternalCreateVariant2, but the value matches none; closest is ExternalCreateVariant1:","target":""},{"code":"patternMismatch","message":"expected a string matching ^(?![0-9a-f]{8}-)^[a-z][a-z0-9-]*$, got \"Pool\"","target":"/pool_name"},{"code":"valueNotAllowed","message":"no value is allowed here, got null","target":"/never"}]"#), "{reply}");
    let reply = post(r#"{"type": "floating", "name": "deadbeef-1", "tags": {"a": 1}}"#).await;
    assert!(reply.contains(r#"{"code":"patternMismatch","message":"expected a string matching ^(?![0-9a-f]{8}-)^[a-z][a-z0-9-]*$, got \"deadbeef-1\"","target":"/name"},{"code":"unknownProperty","message":"the property 'a' does not exist on type 'ExternalCreateTags'","target":"/tags/a"}]"#), "{reply}");
}
