{{/*
Names, labels and the per-component facts every template shares.
*/}}

{{- define "skald.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The resource name prefix: the release name, or `<release>-<chart>` when the release name lacks it. */}}
{{- define "skald.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "skald.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
The components: values key -> resource suffix, Loki -target, workload kind, whether the pod joins the
Hazelcast cluster, and whether it serves gRPC. Order is the data flow order.
*/}}
{{- define "skald.components" -}}
distributor:    {name: distributor,    target: distributor,    kind: Deployment,  member: true,  grpc: true}
ingester:       {name: ingester,       target: ingester,       kind: StatefulSet, member: true,  grpc: true}
querier:        {name: querier,        target: querier,        kind: Deployment,  member: true,  grpc: true}
queryFrontend:  {name: query-frontend, target: query-frontend, kind: Deployment,  member: true,  grpc: true}
queryScheduler: {name: query-scheduler, target: query-scheduler, kind: Deployment, member: true, grpc: true}
compactor:      {name: compactor,      target: compactor,      kind: StatefulSet, member: true,  grpc: true}
indexGateway:   {name: index-gateway,  target: index-gateway,  kind: StatefulSet, member: true,  grpc: true}
ruler:          {name: ruler,          target: ruler,          kind: Deployment,  member: true,  grpc: true}
gateway:        {name: gateway,        target: gateway,        kind: Deployment,  member: false, grpc: false}
{{- end -}}

{{/* Common labels on every object. */}}
{{- define "skald.labels" -}}
helm.sh/chart: {{ include "skald.chart" . }}
{{ include "skald.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "skald.selectorLabels" -}}
app.kubernetes.io/name: {{ include "skald.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one component; call with (dict "ctx" $ "name" "distributor"). */}}
{{- define "skald.componentLabels" -}}
{{ include "skald.labels" .ctx }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "skald.componentSelectorLabels" -}}
{{ include "skald.selectorLabels" .ctx }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* Label every Hazelcast member pod carries; the memberlist headless service selects on it. */}}
{{- define "skald.memberLabel" -}}
app.kubernetes.io/part-of: memberlist
{{- end -}}

{{- define "skald.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "skald.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* `<fullname>-<component>`; call with (dict "ctx" $ "name" "distributor"). */}}
{{- define "skald.componentName" -}}
{{- printf "%s-%s" (include "skald.fullname" .ctx) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The fully qualified DNS name of a component Service; call with (dict "ctx" $ "name" "querier" "headless" false). */}}
{{- define "skald.serviceFqdn" -}}
{{- $svc := include "skald.componentName" . -}}
{{- if .headless }}{{ $svc = printf "%s-headless" $svc }}{{ end -}}
{{- printf "%s.%s.svc.%s" $svc .ctx.Release.Namespace .ctx.Values.global.clusterDomain -}}
{{- end -}}

{{/* The headless Service Hazelcast members discover each other through. */}}
{{- define "skald.memberlistName" -}}
{{- printf "%s-memberlist" (include "skald.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "skald.memberlistFqdn" -}}
{{- printf "%s.%s.svc.%s" (include "skald.memberlistName" .) .Release.Namespace .Values.global.clusterDomain -}}
{{- end -}}

{{/* Image reference of a component; call with (dict "ctx" $ "values" $componentValues). */}}
{{- define "skald.image" -}}
{{- $g := .ctx.Values.image -}}
{{- $img := .values.image | default dict -}}
{{- $repo := $img.repository -}}
{{- if and $g.repositoryPrefix (not (contains "/" $repo)) -}}
{{- $repo = printf "%s/%s" $g.repositoryPrefix $repo -}}
{{- end -}}
{{- $tag := $img.tag | default $g.tag | default .ctx.Chart.AppVersion -}}
{{- printf "%s%s:%s" .ctx.Values.global.imageRegistry $repo (toString $tag) -}}
{{- end -}}

{{- define "skald.imagePullPolicy" -}}
{{- $img := .values.image | default dict -}}
{{- $img.pullPolicy | default .ctx.Values.image.pullPolicy -}}
{{- end -}}

{{/* Whether the config needs ${VAR} expansion turned on. */}}
{{- define "skald.expandEnv" -}}
{{- if .Values.skald.expandEnv }}true{{ end -}}
{{- end -}}
