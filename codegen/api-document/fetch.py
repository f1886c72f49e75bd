#!/usr/bin/env python3
"""Fetches the API documents convai4j is generated from, rebuilds the filtered OpenAPI document, and checks
both against the SHA-256 recorded in api-documents.properties beside this script.

    python3 codegen/api-document/fetch.py [target dir]     # default: ../shared/spec beside the checkout
    python3 codegen/api-document/fetch.py --openapi-from upstream.json --asyncapi-from agent.asyncapi.yaml [dir]

Needs Python 3.8+ and HTTPS access to raw.githubusercontent.com (standard library only). Nothing is written
unless the result has the recorded SHA-256, so a changed upstream copy never slips in unnoticed.
"""
import argparse
import hashlib
import json
import os
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_PREFIX = '#/components/schemas/'


def record():
    props = {}
    with open(os.path.join(HERE, 'api-documents.properties'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                key, _, value = line.partition('=')
                props[key.strip()] = value.strip()
    return props


def download(url):
    print('fetching ' + url, file=sys.stderr)
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read()


def filtered(upstream):
    """The filter rule of the record: /v1/convai paths verbatim, the component schemas they reach (through
    $ref and discriminator mappings, in upstream order), the tags they use, plus servers and a security scheme
    that upstream does not declare."""
    paths = {k: v for k, v in upstream['paths'].items() if k.startswith('/v1/convai')}
    schemas = upstream['components']['schemas']
    reached = set()

    def reach(name):
        if name not in reached:
            reached.add(name)
            walk(schemas[name])

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == '$ref' and isinstance(value, str) and value.startswith(SCHEMA_PREFIX):
                    reach(value[len(SCHEMA_PREFIX):])
                elif key == 'mapping' and isinstance(value, dict):
                    for target in value.values():
                        if isinstance(target, str) and target.startswith(SCHEMA_PREFIX):
                            reach(target[len(SCHEMA_PREFIX):])
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(paths)
    used_tags = {t for path in paths.values() for op in path.values() if isinstance(op, dict) for t in op.get('tags', [])}
    return {
        'openapi': upstream['openapi'],
        'info': upstream['info'],
        'servers': [
            {'url': 'https://api.elevenlabs.io', 'description': 'Production (default). Routed to the closest region.'},
            {'url': 'https://api.us.elevenlabs.io', 'description': 'Production routed only to the US region.'},
            {'url': 'https://api.eu.residency.elevenlabs.io', 'description': 'Production route for customers with EU data residency.'},
            {'url': 'https://api.in.residency.elevenlabs.io', 'description': 'Production route for customers with India data residency.'},
        ],
        'tags': [t for t in upstream['tags'] if t['name'] in used_tags],
        'paths': paths,
        'components': {
            'schemas': {k: v for k, v in schemas.items() if k in reached},
            'securitySchemes': {'ApiKeyAuth': {
                'type': 'apiKey', 'in': 'header', 'name': 'xi-api-key',
                'description': "ElevenLabs API key. Not declared as a security scheme upstream: the upstream document"
                               " passes xi-api-key as an optional header parameter on each operation (Fern global"
                               " header 'api-key'). Added by the filter for convenience."}},
        },
    }


def checked(name, data, expected):
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        sys.exit('%s: SHA-256 %s, but the record says %s. The source changed, or the filter did: nothing was'
                 ' written. If the change is intended, regenerate, review the diff and update'
                 ' codegen/api-document/api-documents.properties.' % (name, actual, expected))
    return data


def main(argv):
    parser = argparse.ArgumentParser(description='Fetch and check the API documents convai4j is generated from.')
    parser.add_argument('target', nargs='?', default=os.path.join(HERE, '..', '..', '..', 'shared', 'spec'),
                        help='where to write them (default: ../shared/spec beside the checkout)')
    parser.add_argument('--openapi-from', metavar='FILE', help='a local copy of the upstream OpenAPI document')
    parser.add_argument('--asyncapi-from', metavar='FILE', help='a local copy of the AsyncAPI document')
    args = parser.parse_args(argv)
    props = record()
    upstream = read(args.openapi_from) if args.openapi_from else download(props['openapi.copy.url'])
    checked('the copy of the upstream OpenAPI document', upstream, props['openapi.copy.sha256'])
    openapi = json.dumps(filtered(json.loads(upstream)), indent=2, ensure_ascii=False).encode('utf-8') + b'\n'
    asyncapi = read(args.asyncapi_from) if args.asyncapi_from else download(props['asyncapi.url'])
    outputs = {
        props['openapi.file']: checked(props['openapi.file'], openapi, props['openapi.sha256']),
        props['asyncapi.file']: checked(props['asyncapi.file'], asyncapi, props['asyncapi.sha256']),
    }
    os.makedirs(args.target, exist_ok=True)
    for name, data in outputs.items():
        with open(os.path.join(args.target, name), 'wb') as f:
            f.write(data)
        print('wrote %s (SHA-256 checked)' % os.path.join(args.target, name), file=sys.stderr)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


if __name__ == '__main__':
    main(sys.argv[1:])
