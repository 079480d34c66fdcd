package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// Files kept in the -tls-dir. Clients trust ca.pem; nobody needs to switch
// certificate verification off.
const (
	caCertFile     = "ca.pem"
	caKeyFile      = "ca-key.pem"
	serverCertFile = "server.pem"
	serverKeyFile  = "server-key.pem"
)

const certValidity = 10 * 365 * 24 * time.Hour

// serverDNSNames are the DNS names of the server certificate.
var serverDNSNames = []string{"localhost"}

// serverIPs are the IP addresses of the server certificate: 127.0.0.1, ::1 and
// the address the simulator listens on (each lab vCenter has a loopback
// address of its own), when it is an IP address.
func serverIPs(listenHost string) []net.IP {
	ips := []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")}
	if ip := net.ParseIP(listenHost); ip != nil && !ip.IsUnspecified() && !slices.ContainsFunc(ips, ip.Equal) {
		ips = append(ips, ip)
	}
	return ips
}

// ensureCerts returns the server certificate kept in dir, creating what is
// missing: a lab CA (ECDSA P-256, 10 years) and a server certificate signed by
// it for localhost and serverIPs(listenHost). Existing files are reused; a
// server certificate that does not name every address is issued again by the
// same CA (clients keep trusting ca.pem); one that does not chain to ca.pem is
// an error, not overwritten.
func ensureCerts(dir, listenHost string) (tls.Certificate, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return tls.Certificate{}, err
	}
	path := func(name string) string { return filepath.Join(dir, name) }

	if exists(path(caCertFile)) && exists(path(serverCertFile)) && exists(path(serverKeyFile)) {
		cert, err := tls.LoadX509KeyPair(path(serverCertFile), path(serverKeyFile))
		if err != nil {
			return tls.Certificate{}, err
		}
		ca, err := readCert(path(caCertFile))
		if err != nil {
			return tls.Certificate{}, err
		}
		if err := verifyServerCert(cert, ca); err != nil {
			return tls.Certificate{}, fmt.Errorf("%s does not match %s: %w", path(serverCertFile), path(caCertFile), err)
		}
		if covers(cert, serverIPs(listenHost)) || !exists(path(caKeyFile)) {
			return cert, nil
		}
	}

	var ca *x509.Certificate
	var caKey *ecdsa.PrivateKey
	if exists(path(caCertFile)) && exists(path(caKeyFile)) {
		var err error
		if ca, err = readCert(path(caCertFile)); err != nil {
			return tls.Certificate{}, err
		}
		if caKey, err = readKey(path(caKeyFile)); err != nil {
			return tls.Certificate{}, err
		}
	} else {
		var err error
		if ca, caKey, err = newCA(); err != nil {
			return tls.Certificate{}, err
		}
		if err := writePEM(path(caKeyFile), "EC PRIVATE KEY", marshalKey(caKey), 0o600); err != nil {
			return tls.Certificate{}, err
		}
		if err := writePEM(path(caCertFile), "CERTIFICATE", ca.Raw, 0o644); err != nil {
			return tls.Certificate{}, err
		}
	}

	certDER, key, err := newServerCert(ca, caKey, serverIPs(listenHost))
	if err != nil {
		return tls.Certificate{}, err
	}
	if err := writePEM(path(serverKeyFile), "EC PRIVATE KEY", marshalKey(key), 0o600); err != nil {
		return tls.Certificate{}, err
	}
	if err := writePEM(path(serverCertFile), "CERTIFICATE", certDER, 0o644); err != nil {
		return tls.Certificate{}, err
	}
	return tls.LoadX509KeyPair(path(serverCertFile), path(serverKeyFile))
}

// issue makes a key pair and a certificate for it from tmpl (serial, validity and
// key id filled in), signed by parent's key, or self-signed when parent is nil.
func issue(tmpl *x509.Certificate, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) ([]byte, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	if tmpl.SerialNumber, err = newSerial(); err != nil {
		return nil, nil, err
	}
	now := time.Now()
	tmpl.NotBefore, tmpl.NotAfter = now.Add(-time.Hour), now.Add(certValidity)
	tmpl.SubjectKeyId = keyID(&key.PublicKey)
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	return der, key, err
}

func newCA() (*x509.Certificate, *ecdsa.PrivateKey, error) {
	der, key, err := issue(&x509.Certificate{
		Subject:               pkix.Name{CommonName: "vcsim-lab CA", Organization: []string{"vsphere-openstack lab"}},
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return cert, key, err
}

func newServerCert(ca *x509.Certificate, caKey *ecdsa.PrivateKey, ips []net.IP) ([]byte, *ecdsa.PrivateKey, error) {
	return issue(&x509.Certificate{
		Subject:        pkix.Name{CommonName: "localhost", Organization: []string{"vsphere-openstack lab"}},
		KeyUsage:       x509.KeyUsageDigitalSignature,
		ExtKeyUsage:    []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames:       serverDNSNames,
		IPAddresses:    ips,
		AuthorityKeyId: ca.SubjectKeyId,
	}, ca, caKey)
}

// covers reports whether the certificate names every address of ips.
func covers(cert tls.Certificate, ips []net.IP) bool {
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		return false
	}
	for _, ip := range ips {
		if !slices.ContainsFunc(leaf.IPAddresses, ip.Equal) {
			return false
		}
	}
	return true
}

func verifyServerCert(cert tls.Certificate, ca *x509.Certificate) error {
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		return err
	}
	roots := x509.NewCertPool()
	roots.AddCert(ca)
	_, err = leaf.Verify(x509.VerifyOptions{
		Roots:     roots,
		DNSName:   "localhost",
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	return err
}

func newSerial() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
}

func keyID(pub *ecdsa.PublicKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	sum := sha1.Sum(der)
	return sum[:]
}

func marshalKey(key *ecdsa.PrivateKey) []byte {
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		panic(err) // only fails for unsupported curves
	}
	return der
}

func readCert(path string) (*x509.Certificate, error) {
	block, err := readPEM(path, "CERTIFICATE")
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(block)
}

func readKey(path string) (*ecdsa.PrivateKey, error) {
	block, err := readPEM(path, "EC PRIVATE KEY")
	if err != nil {
		return nil, err
	}
	return x509.ParseECPrivateKey(block)
}

func readPEM(path, kind string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != kind {
		return nil, fmt.Errorf("%s: no %s PEM block", path, kind)
	}
	return block.Bytes, nil
}

// writePEM writes atomically, so an interrupted start never leaves half a file.
func writePEM(path, kind string, der []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := pem.Encode(tmp, &pem.Block{Type: kind, Bytes: der}); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}
