{{/* The kubernetes.io/tls Secret the gateway serves HTTPS from: tls.secretName, or the one the Certificate creates. */}}
{{- define "metahub.tls.secretName" -}}
{{- default (printf "%s-tls" (include "metahub.fullname" .)) .Values.tls.secretName }}
{{- end }}

{{/* Where the Secret is mounted; the SSL bundle reads its files from there. */}}
{{- define "metahub.tls.dir" -}}
/etc/metahub/tls
{{- end }}

{{/*
spring.ssl.bundle.pem.metahub of application.yml: reloaded when the mounted files change; verify-keys refuses a
key that does not match its certificate (at start-up, and on a reload, which then keeps the previous pair).
*/}}
{{- define "metahub.tls.bundle" -}}
{{- $dir := include "metahub.tls.dir" . }}
{{- $keystore := dict "certificate" (printf "file:%s/tls.crt" $dir) "private-key" (printf "file:%s/tls.key" $dir) "verify-keys" true }}
{{- dict "keystore" $keystore "reload-on-update" true | toYaml }}
{{- end }}

{{/* "HTTPS" when the gateway serves TLS, else "HTTP": the scheme of probes and scrapes. */}}
{{- define "metahub.tls.scheme" -}}
{{- ternary "HTTPS" "HTTP" (.Values.tls.enabled | default false) }}
{{- end }}

{{/* Refuses TLS values that cannot work, naming the value. */}}
{{- define "metahub.tls.validate" -}}
{{- if and .Values.tls.enabled (not .Values.tls.secretName) (not .Values.tls.certManager.issuerRef) }}
{{- fail "tls.enabled needs tls.secretName (an existing kubernetes.io/tls Secret) or tls.certManager.issuerRef (a cert-manager issuer)" }}
{{- end }}
{{- if and .Values.tls.certManager.issuerRef (not .Values.tls.certManager.issuerRef.name) }}
{{- fail "tls.certManager.issuerRef needs a name" }}
{{- end }}
{{- if and .Values.tls.certManager.issuerRef (not .Values.tls.enabled) }}
{{- fail "tls.certManager.issuerRef needs tls.enabled" }}
{{- end }}
{{- end }}
