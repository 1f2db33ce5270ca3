//! Graph-shaped specs of any size for the codegen benchmark: N entities, each an `allOf` over a
//! shared base with ten properties of mixed types and an enum, and the five CRUD operations.

/// The YAML text of a spec with `entities` entities.
pub fn spec(entities: usize) -> String {
    let mut paths = String::new();
    let mut schemas = String::from(
        "    ns.entity:\n      type: object\n      properties:\n        id:\n          type: string\n          readOnly: true\n        '@odata.type':\n          type: string\n",
    );
    for n in 0..entities {
        let name = format!("thing{n}");
        paths.push_str(&format!(
            "  /{name}s:\n    get:\n      operationId: {name}_List\n      parameters:\n        - name: $top\n          in: query\n          schema:\n            type: integer\n            minimum: 0\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  value:\n                    type: array\n                    items:\n                      $ref: '#/components/schemas/ns.{name}'\n    post:\n      operationId: {name}_Create\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/ns.{name}'\n      responses:\n        '201':\n          description: created\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/ns.{name}'\n  /{name}s/{{id}}:\n    parameters:\n      - name: id\n        in: path\n        required: true\n        schema:\n          type: string\n    get:\n      operationId: {name}_Get\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/ns.{name}'\n    patch:\n      operationId: {name}_Update\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/ns.{name}'\n      responses:\n        '204':\n          description: updated\n    delete:\n      operationId: {name}_Delete\n      responses:\n        '204':\n          description: deleted\n"
        ));
        schemas.push_str(&format!(
            "    ns.{name}:\n      allOf:\n        - $ref: '#/components/schemas/ns.entity'\n        - type: object\n          required: [displayName, count]\n          additionalProperties: false\n          properties:\n            displayName:\n              type: string\n              maxLength: 256\n            count:\n              type: number\n              format: int32\n              minimum: 0\n            total:\n              type: integer\n              format: int64\n            ratio:\n              type: number\n            enabled:\n              type: boolean\n            createdDateTime:\n              type: string\n              format: date-time\n              pattern: '^[0-9]{{4}}-'\n            note:\n              type: string\n              nullable: true\n            tags:\n              type: array\n              items:\n                type: string\n            state:\n              $ref: '#/components/schemas/ns.state{n}'\n            owner:\n              anyOf:\n                - $ref: '#/components/schemas/ns.entity'\n                - type: object\n                  nullable: true\n    ns.state{n}:\n      type: string\n      enum: [unknown, active, retired, unknownFutureValue]\n"
        ));
    }
    format!("openapi: 3.0.3\ninfo:\n  title: Synthetic\n  version: '1'\npaths:\n{paths}components:\n  schemas:\n{schemas}")
}
