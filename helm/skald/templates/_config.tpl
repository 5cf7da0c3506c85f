{{/*
The Skald config file (Loki's YAML format). `skald.config` (a string, passed through tpl) replaces the
default rendered here; `skald.structuredConfig` is merged over either, key by key.
*/}}

{{- define "skald.config" -}}
{{- $base := dict -}}
{{- if .Values.skald.config -}}
{{- $base = tpl .Values.skald.config . | fromYaml -}}
{{- else -}}
{{- $base = include "skald.defaultConfig" . | fromYaml -}}
{{- end -}}
{{- if hasKey $base "Error" -}}
{{- fail (printf "skald.config is not valid YAML: %v" (get $base "Error")) -}}
{{- end -}}
{{- if not (hasKey $base "runtime_config") -}}
{{- /* A user's own config still gets the per-tenant overrides the chart mounts. */ -}}
{{- $_ := set $base "runtime_config" (dict "file" "/etc/skald-runtime/runtime.yaml" "period" .Values.runtimeConfig.period) -}}
{{- end -}}
{{- $merged := mustMergeOverwrite $base (deepCopy (.Values.skald.structuredConfig | default dict)) -}}
{{- toYaml $merged -}}
{{- end -}}

{{/* `s3` or `filesystem`, checked. */}}
{{- define "skald.storageType" -}}
{{- $t := .Values.storage.type -}}
{{- if not (has $t (list "s3" "filesystem")) -}}
{{- fail (printf "storage.type must be s3 or filesystem, not %q" $t) -}}
{{- end -}}
{{- $t -}}
{{- end -}}

{{- define "skald.defaultConfig" -}}
{{- $s := .Values.skald -}}
{{- $storage := include "skald.storageType" . -}}
{{- $ctx := . -}}
auth_enabled: {{ $s.authEnabled }}

server:
  http_listen_port: 3100
  grpc_listen_port: 9095
  log_level: {{ $s.logLevel }}
  grpc_server_max_recv_msg_size: {{ int64 $s.grpcMaxMessageSize }}
  grpc_server_max_send_msg_size: {{ int64 $s.grpcMaxMessageSize }}

common:
  path_prefix: {{ $s.pathPrefix }}
  replication_factor: {{ $s.replicationFactor }}
  ring:
    kvstore:
      store: memberlist
  {{- if .Values.compactor.enabled }}
  compactor_address: http://{{ include "skald.serviceFqdn" (dict "ctx" . "name" "compactor") }}:3100
  {{- end }}
  {{- if eq $storage "filesystem" }}
  storage:
    filesystem:
      chunks_directory: {{ .Values.storage.filesystem.directory }}
      rules_directory: {{ .Values.storage.filesystem.rulesDirectory }}
  {{- end }}

# Hazelcast: the members find each other through the headless service (Kubernetes DNS discovery).
memberlist:
  join_members:
    - {{ include "skald.memberlistFqdn" . }}:{{ .Values.hazelcast.port }}
  bind_port: {{ .Values.hazelcast.port }}

schema_config:
  configs:
  {{- range $s.schemaConfig.configs }}
    - from: {{ .from | quote }}
      store: {{ .store | default "tsdb" }}
      object_store: {{ .object_store | default $storage }}
      schema: {{ .schema | default "v13" }}
      index:
        prefix: {{ .index.prefix | default "index_" }}
        period: {{ .index.period | default "24h" }}
  {{- end }}

storage_config:
  {{- if eq $storage "s3" }}
  aws:
    bucketnames: {{ .Values.storage.bucketNames.chunks }}
    region: {{ .Values.storage.s3.region | quote }}
    {{- with .Values.storage.s3.endpoint }}
    endpoint: {{ . | quote }}
    {{- end }}
    s3forcepathstyle: {{ .Values.storage.s3.forcePathStyle }}
    insecure: {{ .Values.storage.s3.insecure }}
    {{- if .Values.storage.s3.existingSecret }}
    access_key_id: ${S3_ACCESS_KEY}
    secret_access_key: ${S3_SECRET_KEY}
    {{- end }}
  {{- else }}
  filesystem:
    directory: {{ .Values.storage.filesystem.directory }}
  {{- end }}
  tsdb_shipper:
    active_index_directory: {{ $s.pathPrefix }}/tsdb-index
    cache_location: {{ $s.pathPrefix }}/tsdb-cache
    cache_ttl: 24h
    {{- if .Values.indexGateway.enabled }}
    index_gateway_client:
      server_address: dns:///{{ include "skald.serviceFqdn" (dict "ctx" . "name" "index-gateway" "headless" true) }}:9095
    {{- end }}

limits_config:
  {{- toYaml $s.limits | nindent 2 }}

chunk_store_config:
  chunk_cache_config:
    embedded_cache:
      enabled: {{ $s.embeddedCache.enabled }}
      max_size_mb: {{ $s.embeddedCache.maxSizeMb }}
      ttl: {{ $s.embeddedCache.ttl }}

query_range:
  align_queries_with_step: true
  max_retries: 5
  cache_results: {{ $s.embeddedCache.enabled }}
  results_cache:
    cache:
      embedded_cache:
        enabled: {{ $s.embeddedCache.enabled }}
        max_size_mb: {{ $s.embeddedCache.maxSizeMb }}
        ttl: {{ $s.embeddedCache.ttl }}
  parallelise_shardable_queries: true

frontend:
  max_outstanding_per_tenant: {{ $s.frontendMaxOutstandingPerTenant }}
  compress_responses: true
  {{- if .Values.queryScheduler.enabled }}
  scheduler_address: {{ include "skald.serviceFqdn" (dict "ctx" . "name" "query-scheduler" "headless" true) }}:9095
  {{- else }}
  downstream_url: http://{{ include "skald.serviceFqdn" (dict "ctx" . "name" "querier") }}:3100
  {{- end }}

query_scheduler:
  max_outstanding_requests_per_tenant: {{ $s.schedulerMaxOutstandingPerTenant }}

querier:
  {{- toYaml $s.querier | nindent 2 }}

frontend_worker:
  {{- if .Values.queryScheduler.enabled }}
  scheduler_address: {{ include "skald.serviceFqdn" (dict "ctx" . "name" "query-scheduler" "headless" true) }}:9095
  {{- else }}
  frontend_address: {{ include "skald.serviceFqdn" (dict "ctx" . "name" "query-frontend" "headless" true) }}:9095
  {{- end }}

ingester:
  lifecycler:
    ring:
      kvstore:
        store: memberlist
      replication_factor: {{ $s.replicationFactor }}
      {{- if .Values.ingester.zoneAwareReplication.enabled }}
      zone_awareness_enabled: true
      {{- end }}
    {{- toYaml $s.lifecycler | nindent 4 }}
  {{- toYaml $s.ingester | nindent 2 }}
  wal:
    enabled: true
    dir: {{ $s.pathPrefix }}/wal
    flush_on_shutdown: true
    replay_memory_ceiling: {{ $s.walReplayMemoryCeiling }}

compactor:
  working_directory: {{ $s.pathPrefix }}/compactor
  delete_request_store: {{ $storage }}
  {{- toYaml $s.compactor | nindent 2 }}

ruler:
  storage:
    {{- if eq $storage "s3" }}
    type: s3
    s3:
      bucketnames: {{ .Values.storage.bucketNames.ruler }}
    {{- else }}
    type: local
    local:
      directory: {{ .Values.storage.filesystem.rulesDirectory }}
    {{- end }}
  rule_path: {{ $s.pathPrefix }}/rules
  {{- with $s.alertmanagerUrl }}
  alertmanager_url: {{ . }}
  {{- end }}
  ring:
    kvstore:
      store: memberlist
  enable_api: true

runtime_config:
  file: /etc/skald-runtime/runtime.yaml
  period: {{ .Values.runtimeConfig.period }}

# Skald's own section: where the gateway routes each path (Loki leaves this to NGINX).
gateway:
  distributor_url: http://{{ include "skald.serviceFqdn" (dict "ctx" . "name" "distributor") }}:3100
  query_frontend_url: http://{{ include "skald.serviceFqdn" (dict "ctx" . "name" "query-frontend") }}:3100
  querier_url: http://{{ include "skald.serviceFqdn" (dict "ctx" . "name" "querier") }}:3100
  ruler_url: http://{{ include "skald.serviceFqdn" (dict "ctx" . "name" "ruler") }}:3100
  compactor_url: http://{{ include "skald.serviceFqdn" (dict "ctx" . "name" "compactor") }}:3100
  max_body_size: {{ $s.gatewayMaxBodySize }}
{{- end -}}
