{{/*
The pod template every component shares. Call with
  (dict "ctx" $ "key" "ingester" "comp" $componentDef "values" $componentValues "zone" $zoneOrNil)
*/}}

{{/* Labels of a component's pods (selector labels, zone, memberlist membership). */}}
{{- define "skald.podSelectorLabels" -}}
{{ include "skald.componentSelectorLabels" (dict "ctx" .ctx "name" .comp.name) }}
{{- with .zone }}
skald.io/zone: {{ .name }}
{{- end }}
{{- end -}}

{{/* The default anti-affinity: required for ingesters (one per node, as in the seed), preferred for the rest. */}}
{{- define "skald.defaultAffinity" -}}
podAntiAffinity:
{{- if eq .key "ingester" }}
  requiredDuringSchedulingIgnoredDuringExecution:
    - labelSelector:
        matchLabels:
          {{- include "skald.componentSelectorLabels" (dict "ctx" .ctx "name" .comp.name) | nindent 10 }}
      topologyKey: kubernetes.io/hostname
{{- else }}
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        labelSelector:
          matchLabels:
            {{- include "skald.componentSelectorLabels" (dict "ctx" .ctx "name" .comp.name) | nindent 12 }}
        topologyKey: kubernetes.io/hostname
{{- end }}
{{- end -}}

{{/* JAVA_TOOL_OPTIONS: the heap from jvmMaxHeap, else a share of the container's memory limit. */}}
{{- define "skald.javaToolOptions" -}}
{{- $opts := list -}}
{{- if .values.jvmMaxHeap -}}
{{- $opts = append $opts (printf "-Xmx%s" .values.jvmMaxHeap) -}}
{{- else -}}
{{- $opts = append $opts "-XX:MaxRAMPercentage=75.0" -}}
{{- end -}}
{{- with .ctx.Values.global.jvmOptions }}{{ $opts = append $opts . }}{{ end -}}
{{- with .values.jvmOptions }}{{ $opts = append $opts . }}{{ end -}}
{{- join " " $opts -}}
{{- end -}}

{{- define "skald.podTemplate" -}}
{{- $ctx := .ctx -}}
{{- $v := .values -}}
{{- $comp := .comp -}}
{{- $isStateful := eq $comp.kind "StatefulSet" -}}
metadata:
  labels:
    {{- /* No chart version here: a chart-only change must not restart every pod (ingesters flush on restart). */}}
    {{- include "skald.podSelectorLabels" . | nindent 4 }}
    {{- if $comp.member }}
    {{- include "skald.memberLabel" $ctx | nindent 4 }}
    {{- end }}
    {{- with $ctx.Values.global.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- with $v.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    # Roll the pods when the config changes (the runtime overrides reload without a restart).
    checksum/config: {{ include "skald.config" $ctx | sha256sum }}
    {{- with $ctx.Values.global.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ include "skald.serviceAccountName" $ctx }}
  automountServiceAccountToken: {{ $ctx.Values.serviceAccount.automountServiceAccountToken }}
  {{- with $ctx.Values.global.imagePullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  {{- with ($v.priorityClassName | default $ctx.Values.global.priorityClassName) }}
  priorityClassName: {{ . }}
  {{- end }}
  securityContext:
    {{- toYaml $ctx.Values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds | default 30 }}
  affinity:
    {{- if $v.affinity }}
    {{- toYaml $v.affinity | nindent 4 }}
    {{- else }}
    {{- include "skald.defaultAffinity" . | nindent 4 }}
    {{- end }}
  {{- $nodeSelector := merge (deepCopy ((.zone | default dict).nodeSelector | default dict)) ($v.nodeSelector | default dict) }}
  {{- with $nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- $tolerations := concat ($v.tolerations | default list) ((.zone | default dict).tolerations | default list) }}
  {{- with $tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  containers:
    - name: {{ $comp.name }}
      image: {{ include "skald.image" (dict "ctx" $ctx "values" $v) }}
      imagePullPolicy: {{ include "skald.imagePullPolicy" (dict "ctx" $ctx "values" $v) }}
      args:
        - -config.file=/etc/skald/config.yaml
        - -target={{ $comp.target }}
        {{- if include "skald.expandEnv" $ctx }}
        - -config.expand-env=true
        {{- end }}
        {{- with .zone }}
        - -ingester.availability-zone={{ .name }}
        {{- end }}
        {{- range $ctx.Values.global.extraArgs }}
        - {{ . | quote }}
        {{- end }}
        {{- range $v.extraArgs }}
        - {{ . | quote }}
        {{- end }}
      ports:
        - name: http
          containerPort: 3100
          protocol: TCP
        {{- if $comp.grpc }}
        - name: grpc
          containerPort: 9095
          protocol: TCP
        {{- end }}
        {{- if $comp.member }}
        - name: hazelcast
          containerPort: {{ $ctx.Values.hazelcast.port }}
          protocol: TCP
        {{- end }}
      env:
        - name: POD_NAME
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        - name: POD_IP
          valueFrom:
            fieldRef:
              fieldPath: status.podIP
        - name: JAVA_TOOL_OPTIONS
          value: {{ include "skald.javaToolOptions" . | quote }}
        {{- /* Spring Cloud Kubernetes follows the cloud platform: set it either way, so the switch alone decides. */}}
        {{- if $ctx.Values.springCloudKubernetes.enabled }}
        - name: SPRING_MAIN_CLOUD_PLATFORM
          value: kubernetes
        - name: SPRING_CLOUD_KUBERNETES_ENABLED
          value: "true"
        - name: SPRING_PROFILES_ACTIVE
          value: {{ $ctx.Values.springCloudKubernetes.profiles | quote }}
        - name: SPRING_CLOUD_KUBERNETES_CLIENT_NAMESPACE
          value: {{ $ctx.Release.Namespace | quote }}
        - name: SKALD_KUBERNETES_SERVICE_PREFIX
          value: {{ printf "%s-" (include "skald.fullname" $ctx) | quote }}
        {{- if $ctx.Values.springCloudKubernetes.watchRuntimeConfig }}
        - name: SKALD_KUBERNETES_RUNTIME_CONFIG_MAP
          value: {{ printf "%s-runtime" (include "skald.fullname" $ctx) | quote }}
        {{- end }}
        {{- with $ctx.Values.springCloudKubernetes.discoveryRefresh }}
        - name: SKALD_KUBERNETES_DISCOVERY_REFRESH
          value: {{ . | quote }}
        {{- end }}
        {{- else }}
        - name: SPRING_MAIN_CLOUD_PLATFORM
          value: none
        {{- end }}
        {{- if and $comp.member $ctx.Values.hazelcast.kubernetesDiscovery }}
        - name: SKALD_HAZELCAST_KUBERNETES
          value: "true"
        - name: SKALD_HAZELCAST_SERVICE_DNS
          value: {{ include "skald.memberlistFqdn" $ctx | quote }}
        {{- end }}
        {{- with .zone }}
        - name: SKALD_ZONE
          value: {{ .name | quote }}
        {{- end }}
        {{- if and (eq $ctx.Values.storage.type "s3") $ctx.Values.storage.s3.existingSecret }}
        - name: S3_ACCESS_KEY
          valueFrom:
            secretKeyRef:
              name: {{ $ctx.Values.storage.s3.existingSecret }}
              key: {{ $ctx.Values.storage.s3.accessKeyIdKey }}
        - name: S3_SECRET_KEY
          valueFrom:
            secretKeyRef:
              name: {{ $ctx.Values.storage.s3.existingSecret }}
              key: {{ $ctx.Values.storage.s3.secretAccessKeyKey }}
        {{- end }}
        {{- with $ctx.Values.global.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with $v.extraEnv }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $ctx.Values.global.extraEnvFrom }}
      envFrom:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      readinessProbe:
        {{- if $v.readinessProbe }}
        {{- toYaml $v.readinessProbe | nindent 8 }}
        {{- else }}
        httpGet:
          path: /ready
          port: http
        initialDelaySeconds: {{ if eq .key "ingester" }}30{{ else }}15{{ end }}
        periodSeconds: 10
        timeoutSeconds: 1
        {{- end }}
      livenessProbe:
        {{- if $v.livenessProbe }}
        {{- toYaml $v.livenessProbe | nindent 8 }}
        {{- else if eq .key "ingester" }}
        tcpSocket:
          port: http
        initialDelaySeconds: 60
        periodSeconds: 30
        failureThreshold: 5
        {{- else }}
        httpGet:
          path: /ready
          port: http
        initialDelaySeconds: 30
        periodSeconds: 30
        failureThreshold: 5
        {{- end }}
      resources:
        {{- toYaml ($v.resources | default dict) | nindent 8 }}
      securityContext:
        {{- toYaml $ctx.Values.containerSecurityContext | nindent 8 }}
      volumeMounts:
        - name: config
          mountPath: /etc/skald
          readOnly: true
        - name: runtime-config
          mountPath: /etc/skald-runtime
          readOnly: true
        - name: tmp
          mountPath: /tmp
        {{- if ne .key "gateway" }}
        - name: data
          mountPath: {{ $ctx.Values.skald.pathPrefix }}
        {{- if and (eq $ctx.Values.storage.type "filesystem") $ctx.Values.storage.filesystem.existingClaim }}
        - name: shared-storage
          mountPath: {{ $ctx.Values.skald.pathPrefix }}/storage
        {{- end }}
        {{- end }}
        {{- with $v.extraVolumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  volumes:
    - name: config
      configMap:
        name: {{ include "skald.fullname" $ctx }}-config
    - name: runtime-config
      configMap:
        name: {{ include "skald.fullname" $ctx }}-runtime
    - name: tmp
      emptyDir: {}
    {{- if ne .key "gateway" }}
    {{- if not (and $isStateful ($v.persistence | default dict).enabled) }}
    - name: data
      emptyDir: {}
    {{- end }}
    {{- if and (eq $ctx.Values.storage.type "filesystem") $ctx.Values.storage.filesystem.existingClaim }}
    - name: shared-storage
      persistentVolumeClaim:
        claimName: {{ $ctx.Values.storage.filesystem.existingClaim }}
    {{- end }}
    {{- end }}
    {{- with $v.extraVolumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/* volumeClaimTemplates of a stateful component. */}}
{{- define "skald.volumeClaimTemplates" -}}
{{- $p := .values.persistence -}}
volumeClaimTemplates:
  - apiVersion: v1
    kind: PersistentVolumeClaim
    metadata:
      name: data
      {{- with $p.annotations }}
      annotations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    spec:
      accessModes:
        {{- toYaml ($p.accessModes | default (list "ReadWriteOnce")) | nindent 8 }}
      {{- if $p.storageClass }}
      {{- if eq "-" $p.storageClass }}
      storageClassName: ""
      {{- else }}
      storageClassName: {{ $p.storageClass }}
      {{- end }}
      {{- end }}
      resources:
        requests:
          storage: {{ $p.size }}
{{- end -}}
