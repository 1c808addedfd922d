{{/* Chart name, overridable. */}}
{{- define "metahub.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name prefix of every resource. */}}
{{- define "metahub.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels of every resource, without the component. */}}
{{- define "metahub.baseLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "metahub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels of the gateway's resources. */}}
{{- define "metahub.labels" -}}
{{ include "metahub.baseLabels" . }}
app.kubernetes.io/component: gateway
{{- end }}

{{/* Labels selecting the gateway pods. */}}
{{- define "metahub.selectorLabels" -}}
app.kubernetes.io/name: {{ include "metahub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: gateway
{{- end }}

{{/* Labels selecting the bundled Redis pod. */}}
{{- define "metahub.redis.selectorLabels" -}}
app.kubernetes.io/name: {{ include "metahub.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: redis
{{- end }}

{{/* Service account of the gateway pods. */}}
{{- define "metahub.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "metahub.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Secret holding machine type passwords, upstream credentials and the Redis password. */}}
{{- define "metahub.secretName" -}}
{{- default (include "metahub.fullname" .) .Values.existingSecret }}
{{- end }}

{{/* Secret and key holding the Redis password. */}}
{{- define "metahub.redis.secretName" -}}
{{- default (include "metahub.secretName" .) .Values.redis.existingSecret }}
{{- end }}
{{- define "metahub.redis.secretKey" -}}
{{- if .Values.redis.existingSecret }}{{ .Values.redis.existingSecretPasswordKey }}{{ else }}redis-password{{ end }}
{{- end }}

{{/* Whether the gateway gets a Redis password: bundled Redis, or an external one with a password. */}}
{{- define "metahub.redis.hasPassword" -}}
{{- if or .Values.redis.enabled .Values.redis.existingSecret .Values.redis.password }}true{{ end }}
{{- end }}

{{/* Name of the bundled Redis (StatefulSet and Service). */}}
{{- define "metahub.redis.fullname" -}}
{{- printf "%s-redis" (include "metahub.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The gateway's image. */}}
{{- define "metahub.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Secret keys of a machine type (argument: the login). */}}
{{- define "metahub.machineTypePasswordKey" -}}
{{- printf "machine-type-%s-password" . }}
{{- end }}
{{- define "metahub.machineTypePasswordHashKey" -}}
{{- printf "machine-type-%s-password-hash" . }}
{{- end }}

{{/* URL containerd on the nodes uses to reach the gateway. */}}
{{- define "metahub.nodeLogin.gatewayUrl" -}}
{{- if .Values.nodeLogin.gatewayUrl }}
{{- .Values.nodeLogin.gatewayUrl | trimSuffix "/" }}
{{- else }}
{{- printf "%s://%s.%s.svc.cluster.local:%d" (ternary "https" "http" .Values.tls.enabled) (include "metahub.fullname" .) .Release.Namespace (int .Values.service.port) }}
{{- end }}
{{- end }}

{{/* spring.data.redis URL: the bundled Redis's Service, or redis.url with the password placeholder inserted. */}}
{{- define "metahub.redis.url" -}}
{{- $auth := ternary ":${METAHUB_REDIS_PASSWORD}@" "" (eq (include "metahub.redis.hasPassword" .) "true") }}
{{- if .Values.redis.enabled }}
{{- printf "redis://%s%s:6379" $auth (include "metahub.redis.fullname" .) }}
{{- else if .Values.redis.url }}
{{- $u := urlParse .Values.redis.url }}
{{- if $u.userinfo }}{{ fail "redis.url must not hold credentials: set redis.password or redis.existingSecret" }}{{ end }}
{{- printf "%s://%s%s%s" $u.scheme $auth $u.host $u.path }}
{{- end }}
{{- end }}

{{/* Environment of the node login writer (argument: dict with machine, secretName, mountPath). */}}
{{- define "metahub.nodeLogin.env" -}}
- name: CERTS_DIR
  value: {{ .mountPath }}
- name: MACHINE_LOGIN
  value: {{ .machine.login | quote }}
- name: MACHINE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ include "metahub.machineTypePasswordKey" .machine.login }}
{{- end }}

{{/* Root is needed to write the root-owned host folder; nothing else is granted. */}}
{{- define "metahub.nodeLogin.securityContext" -}}
runAsUser: 0
runAsNonRoot: false
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop:
    - ALL
{{- end }}

{{/* Folder where the upstream credentials are mounted as files, one subfolder per upstream name. */}}
{{- define "metahub.upstreamCredentialsDir" -}}
/var/run/secrets/metahub/upstreams
{{- end }}

{{/* Whether any upstream has credentials (then the upstream-credentials volume is mounted). */}}
{{- define "metahub.upstreamCredentials" -}}
{{- range .Values.upstreams }}{{ if or .password .secretCredentials }}true{{ end }}{{ end }}
{{- end }}

{{/* shutdownTimeout (a Spring Boot duration such as 30s, 2m or 500ms) in whole seconds, rounded up. */}}
{{- define "metahub.shutdownTimeoutSeconds" -}}
{{- $value := toString .Values.shutdownTimeout }}
{{- $amount := regexReplaceAll "^([0-9]+).*$" $value "${1}" | int }}
{{- $unit := regexReplaceAll "^[0-9]+" $value "" }}
{{- if eq $unit "ms" }}{{ div (add $amount 999) 1000 }}
{{- else if eq $unit "m" }}{{ mul $amount 60 }}
{{- else if eq $unit "h" }}{{ mul $amount 3600 }}
{{- else }}{{ $amount }}
{{- end }}
{{- end }}

{{/* Seconds Kubernetes waits after SIGTERM: preStop sleep + the gateway's shutdown timeout + 15s, unless set. */}}
{{- define "metahub.terminationGracePeriodSeconds" -}}
{{- if kindIs "invalid" .Values.terminationGracePeriodSeconds }}
{{- add (int .Values.preStopSleepSeconds) (include "metahub.shutdownTimeoutSeconds" . | int) 15 }}
{{- else }}
{{- .Values.terminationGracePeriodSeconds }}
{{- end }}
{{- end }}
