{{/*
The gateway's application.yml. Secrets appear only as ${ENV} placeholders, defined from the Secret in the
Deployment: Spring Boot binds a list from one property source, so passwords cannot be overlaid by env vars.
*/}}
{{- define "metahub.applicationConfig" -}}
{{- $upstreams := list }}
{{- range $i, $u := .Values.upstreams }}
{{- $entry := dict "name" $u.name "url" $u.url "default" (default false $u.default) }}
{{- if or $u.password $u.secretCredentials }}
{{- $dir := printf "%s/%s" (include "metahub.upstreamCredentialsDir" $) $u.name }}
{{- $_ := set $entry "username-file" (printf "%s/username" $dir) }}
{{- $_ := set $entry "password-file" (printf "%s/password" $dir) }}
{{- end }}
{{- if not (kindIs "invalid" $u.followRedirects) }}
{{- $_ := set $entry "follow-redirects" $u.followRedirects }}
{{- end }}
{{- if $u.allowedRealms }}
{{- $_ := set $entry "allowed-realms" $u.allowedRealms }}
{{- end }}
{{- $upstreams = append $upstreams $entry }}
{{- end }}
{{- $machineTypes := list }}
{{- range $i, $m := .Values.machineTypes }}
{{- $entry := dict "name" (default $m.login $m.name) "login" $m.login "password" (printf "${METAHUB_MACHINE_TYPE_%d_PASSWORD}" $i) "features" (default list $m.features) }}
{{- range $option := list "fallback" "resolve" "platform" "pinned" }}
{{- with get $m $option }}{{ $_ := set $entry $option . }}{{ end }}
{{- end }}
{{- $machineTypes = append $machineTypes $entry }}
{{- end }}
{{- $metahub := dict "upstreams" $upstreams "machine-types" $machineTypes }}
{{- if .Values.virtualImages }}
{{- $_ := set $metahub "virtual-images" (dict "location" "/etc/metahub/virtual-images") }}
{{- end }}
{{- if .Values.featureImplications }}
{{- $implications := dict }}
{{- range $feature, $implied := .Values.featureImplications }}
{{- /* Spring Boot drops ':' from map keys unless they are written in brackets */}}
{{- $_ := set $implications (printf "[%s]" $feature) $implied }}
{{- end }}
{{- $_ := set $metahub "feature-implications" $implications }}
{{- end }}
{{- $_ := set $metahub "blob-cache" (dict "enabled" .Values.blobCache.enabled "path" .Values.blobCache.path "max-size" .Values.blobCache.maxSize) }}
{{- if .Values.admin.username }}
{{- $_ := set $metahub "admin" (dict "username" .Values.admin.username "password" "${METAHUB_ADMIN_PASSWORD}") }}
{{- end }}
{{- $config := dict
  "server" (dict "port" 8080 "shutdown" "graceful")
  "management" (dict
    "endpoints" (dict "web" (dict "exposure" (dict "include" "health,info,prometheus")))
    "endpoint" (dict "health" (dict "probes" (dict "enabled" true))))
  "spring" (dict "lifecycle" (dict "timeout-per-shutdown-phase" .Values.shutdownTimeout))
  "metahub" $metahub }}
{{- $redis := dict }}
{{- $hasPassword := eq (include "metahub.redis.hasPassword" .) "true" }}
{{- if and (not .Values.redis.enabled) .Values.redis.sentinel.master }}
{{- $_ := set $redis "sentinel" (dict "master" .Values.redis.sentinel.master "nodes" (join "," .Values.redis.sentinel.nodes)) }}
{{- if $hasPassword }}{{ $_ := set $redis "password" "${METAHUB_REDIS_PASSWORD}" }}{{ end }}
{{- else if and (not .Values.redis.enabled) .Values.redis.cluster.nodes }}
{{- $_ := set $redis "cluster" (dict "nodes" (join "," .Values.redis.cluster.nodes)) }}
{{- if $hasPassword }}{{ $_ := set $redis "password" "${METAHUB_REDIS_PASSWORD}" }}{{ end }}
{{- else if or .Values.redis.enabled .Values.redis.url }}
{{- $_ := set $redis "url" (include "metahub.redis.url" .) }}
{{- end }}
{{- if $redis }}
{{- $_ := set $config.spring "data" (dict "redis" $redis) }}
{{- end }}
{{- if .Values.tls.enabled }}
{{- $_ := set $config.server "ssl" (dict "bundle" "metahub") }}
{{- $_ := set $config.spring "ssl" (dict "bundle" (dict "pem" (dict "metahub" (include "metahub.tls.bundle" . | fromYaml)))) }}
{{- end }}
{{- toYaml (mustMergeOverwrite $config (deepCopy .Values.extraConfig)) }}
{{- end }}

{{/* Refuses values that would start a gateway that cannot work, with a message naming the value. */}}
{{- define "metahub.validate" -}}
{{- $logins := dict }}
{{- range $i, $m := .Values.machineTypes }}
{{- if hasKey $logins $m.login }}{{ fail (printf "machineTypes: login %q is used twice" $m.login) }}{{ end }}
{{- $_ := set $logins $m.login true }}
{{- if and (not $.Values.existingSecret) (not $m.passwordHash) (not $.Values.allowNoopPasswords) }}
{{- fail (printf "machineTypes[%d] (%s): set passwordHash ({bcrypt}...), set allowNoopPasswords=true to use {noop}<password>, or use existingSecret" $i $m.login) }}
{{- end }}
{{- if and (not $.Values.existingSecret) (not $m.passwordHash) (not $m.password) }}
{{- fail (printf "machineTypes[%d] (%s): needs password or passwordHash" $i $m.login) }}
{{- end }}
{{- if and $.Values.nodeLogin.enabled $m.nodeSelector (not $.Values.existingSecret) (not $m.password) }}
{{- fail (printf "machineTypes[%d] (%s): node login needs the plain password (machineTypes[].password)" $i $m.login) }}
{{- end }}
{{- end }}
{{- range $i, $u := .Values.upstreams }}
{{- if and $u.password (not $u.username) }}{{ fail (printf "upstreams[%d] (%s): password without username" $i $u.name) }}{{ end }}
{{- if and $u.secretCredentials (not $.Values.existingSecret) (not $u.password) }}
{{- fail (printf "upstreams[%d] (%s): secretCredentials needs existingSecret, or set username and password" $i $u.name) }}
{{- end }}
{{- end }}
{{- if and .Values.redis.enabled (not .Values.redis.password) (not .Values.redis.existingSecret) (not .Values.existingSecret) }}
{{- fail "redis.enabled needs a password: set redis.password, redis.existingSecret, or redis-password in existingSecret" }}
{{- end }}
{{- if .Values.existingSecret }}
{{- range .Values.machineTypes }}
{{- if or .password .passwordHash }}{{ fail (printf "machineTypes (%s): with existingSecret, put passwords in that Secret, not in values" .login) }}{{ end }}
{{- end }}
{{- range .Values.upstreams }}
{{- if .password }}{{ fail (printf "upstreams (%s): with existingSecret, set secretCredentials: true and put the credentials in that Secret" .name) }}{{ end }}
{{- end }}
{{- if and .Values.redis.password (not .Values.redis.existingSecret) }}{{ fail "redis.password is ignored with existingSecret: put redis-password in that Secret" }}{{ end }}
{{- end }}
{{- if and .Values.admin.passwordHash (not .Values.admin.username) }}{{ fail "admin.passwordHash needs admin.username" }}{{ end }}
{{- if .Values.admin.username }}
{{- if and (not .Values.existingSecret) (not .Values.admin.passwordHash) }}
{{- fail "admin.username needs admin.passwordHash ({bcrypt}...), or admin-password-hash in existingSecret" }}
{{- end }}
{{- if and .Values.existingSecret .Values.admin.passwordHash }}
{{- fail "admin.passwordHash is ignored with existingSecret: put admin-password-hash in that Secret" }}
{{- end }}
{{- range .Values.machineTypes }}
{{- if eq .login $.Values.admin.username }}{{ fail (printf "admin.username %q is also the login of a machine type" .login) }}{{ end }}
{{- end }}
{{- end }}
{{- if not (kindIs "invalid" .Values.terminationGracePeriodSeconds) }}
{{- $needed := add (int .Values.preStopSleepSeconds) (include "metahub.shutdownTimeoutSeconds" . | int) }}
{{- if le (int .Values.terminationGracePeriodSeconds) $needed }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must exceed preStopSleepSeconds plus shutdownTimeout (%d seconds); leave it null to compute it" (int .Values.terminationGracePeriodSeconds) $needed) }}
{{- end }}
{{- end }}
{{- if and .Values.blobCache.enabled (eq .Values.blobCache.volume.type "existingClaim") }}
{{- if not .Values.blobCache.volume.existingClaim }}{{ fail "blobCache.volume.type existingClaim needs blobCache.volume.existingClaim (the claim's name)" }}{{ end }}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) }}{{ fail "blobCache.volume.type existingClaim holds one replica's cache: set replicaCount 1 without autoscaling, or use emptyDir or ephemeral" }}{{ end }}
{{- end }}
{{- if and .Values.redis.enabled .Values.redis.url }}{{ fail "set either redis.enabled (bundled Redis) or redis.url (external Redis), not both" }}{{ end }}
{{- end }}

{{/* The blob cache volume's size: blobCache.volume.sizeLimit, else maxSize plus 10 % and 64Mi, in Mi. */}}
{{- define "metahub.blobCacheSize" -}}
{{- with .Values.blobCache.volume.sizeLimit }}{{ . }}{{ else }}
{{- $max := .Values.blobCache.maxSize }}
{{- $count := regexFind "^[0-9]+" $max | int64 }}
{{- $unit := regexFind "[A-Z]+$" $max }}
{{- $kib := dict "B" (div $count 1024) "KB" $count "MB" (mul $count 1024) "GB" (mul $count 1048576) "TB" (mul $count 1073741824) }}
{{- $mib := div (get $kib $unit) 1024 }}
{{- add (div (mul $mib 11) 10) 64 }}Mi
{{- end }}
{{- end }}
