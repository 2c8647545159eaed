/**
 * Training part of the labelled corpus: realistic WhatsApp-style messages
 * written for SuaraWarga (informal Indonesian, typos, Javanese/Sundanese/Bima
 * words). The offline classifier trains its naive Bayes models on these at
 * start-up. The test part lives in tests/fixtures/nlu/test.tsv and is never
 * trained on. Format: intent, category (or -), location (or -), text,
 * separated by tabs (see core/nlu/corpus.ts).
 */
export const TRAIN_CORPUS = `
lapor	sampah	-	sampah udh 3 hari blm diangkut min, bau bgt
lapor	sampah	Jalan Sultan Hasanuddin	tlg min sampah di jln sultan hasanuddin numpuk sampe ke jalan
lapor	sampah	depan pasar Raya	sampah depan pasar raya bau busuk, lalatnya banyak bgt
lapor	sampah	gang Melati RT 03	gg melati rt 03 sampahnya gk diangkut2 udah seminggu
lapor	sampah	kelurahan Penatoi	truk sampah gak pernah lewat lagi di kelurahan penatoi
lapor	sampah	-	ada yg buang sampah sembarangan di lahan kosong tiap malam
lapor	sampah	belakang SDN 2	pak tolong, orang bakar sampah tiap sore di belakang sdn 2, asapnya masuk kelas
lapor	sampah	-	TPS nya udah penuh meluap sampe ke jalan
lapor	sampah	Jalan Gajah Mada	bak sampah di jl gajah mada rusak, sampah berserakan dimakan anjing
lapor	sampah	-	uwuh numpuk nang pinggir kali, mambu banget
lapor	sampah	dekat masjid Al-Muwahidin	tong sampah dkt masjid al-muwahidin sdh penuh blm diangkut
lapor	sampah	-	sampah rumah tangga blm diambil petugas udah 5 hari
lapor	sampah	Paruga	warga paruga keluhkan sampah menumpuk di pinggir jalan
lapor	sampah	-	ada pembuangan sampah liar dekat sawah, bau nya kemana2
lapor	sampah	pantai Amahami	sampah plastik di pantai amahami banyak bgt, jorok
lapor	sampah	-	limbah rumah potong dibuang ke sungai, airnya jadi hitam dan bau
lapor	sampah	-	petugas kebersihan ga dateng2, sampah udah busuk
lapor	jalan_rusak	Jalan Soekarno Hatta	jln soekarno hatta bolong2 gede, bahaya buat motor
lapor	jalan_rusak	depan SDN 4	jalan depan sdn 4 berlubang, anak2 sering jatuh
lapor	jalan_rusak	-	jalannya rusak parah min, aspal ngelupas semua
lapor	jalan_rusak	gang Mawar	gg mawar rusak, pavingnya pada lepas
lapor	jalan_rusak	jembatan Padolo	jembatan padolo retak, takut ambruk
lapor	jalan_rusak	Jalan Datuk Dibanta	ada lobang besar di jl datuk dibanta, kemarin ada yg jatuh
lapor	jalan_rusak	-	trotoar nya hancur, susah buat pejalan kaki
lapor	jalan_rusak	kelurahan Rabangodu Utara	jalan di kelurahan rabangodu utara rusak parah gak pernah diperbaiki
lapor	jalan_rusak	-	dalan rusak pol, akeh bolongan
lapor	jalan_rusak	Jalan Gatot Subroto	aspal jl gatot subroto amblas stlh hujan kmrn
lapor	jalan_rusak	RT 05 RW 02	jalan lingkungan rt 05 rw 02 blm diaspal, becek kl hujan
lapor	jalan_rusak	-	jalan berlubang bnyk bgt, udh ada korban kecelakaan
lapor	jalan_rusak	dekat terminal Dara	jalan dkt terminal dara banyak lubang, tolong ditambal
lapor	jalan_rusak	-	jembatan kayu di kampung kami sudah lapuk, papannya pada patah
lapor	jalan_rusak	Jalan Sultan Kaharuddin	jalan sultan kaharuddin hancur, kapan diperbaiki ya
lapor	jalan_rusak	-	tolong diperbaiki jalan rusak menuju sekolah anak kami
lapor	banjir_drainase	-	got mampet min, air meluap ke rumah warga
lapor	banjir_drainase	Jalan Pahlawan	selokan di jl pahlawan tersumbat sampah, kalau hujan banjir
lapor	banjir_drainase	kelurahan Sarae	tiap hujan kelurahan sarae kebanjiran sampe selutut
lapor	banjir_drainase	depan pasar Amahami	genangan air depan pasar amahami ga surut2
lapor	banjir_drainase	-	saluran air depan rumah buntu, airnya bau dan banyak nyamuk
lapor	banjir_drainase	gang Kenari	drainase gg kenari jebol, air masuk rumah
lapor	banjir_drainase	-	gorong2 di ujung jalan tertutup tanah, air gak bisa ngalir
lapor	banjir_drainase	-	kalen mampet, banyune mlebu omah
lapor	banjir_drainase	RT 07	rt 07 tergenang air udh 2 hari, got gk berfungsi
lapor	banjir_drainase	Jalan Sudirman	jl sudirman banjir tiap hujan deras, drainasenya kecil
lapor	banjir_drainase	-	parit depan rumah penuh lumpur, minta dikeruk
lapor	banjir_drainase	perumahan Oi Fo'o	perumahan oi fo'o banjir lagi, selokannya dangkal
lapor	banjir_drainase	-	tutup got nya hilang, bahaya lubang menganga
lapor	banjir_drainase	Rasanae Timur	air selokan meluap di rasanae timur, jalan tergenang
lapor	lampu_jalan	-	lampu jalan mati min, gelap gulita kalo malam
lapor	lampu_jalan	Jalan Sultan Salahuddin	pju di jl sultan salahuddin mati semua sejak seminggu
lapor	lampu_jalan	gang Anggrek	lampu jln di gg anggrek udh mati 2 bln, rawan maling
lapor	lampu_jalan	dekat lapangan Serasuba	lampu penerangan jalan dkt lapangan serasuba kedip2 terus
lapor	lampu_jalan	-	tiang lampu miring hampir roboh, kabelnya menjuntai
lapor	lampu_jalan	-	lampune mati kabeh, peteng banget
lapor	lampu_jalan	kelurahan Matakando	jalan di kelurahan matakando gelap, lampu jalan gak nyala
lapor	lampu_jalan	-	pju depan rumah nyala siang hari, mati kalau malam
lapor	lampu_jalan	Jalan Garuda	penerangan jalan di jalan garuda padam, banyak begal
lapor	lampu_jalan	RT 02 RW 01	mohon dipasang lampu jalan di rt 02 rw 01, gelap sekali
lapor	lampu_jalan	-	lampu jalannya berkedip kedip bikin silau pengendara
lapor	lampu_jalan	-	bohlam lampu jalan pecah, sudah lama gak diganti
lapor	lalu_lintas	perempatan Amahami	lampu merah perempatan amahami mati, macet parah
lapor	lalu_lintas	depan pasar Raya	parkir liar depan pasar raya bikin macet tiap pagi
lapor	lalu_lintas	-	traffic light nya error, hijau semua arah, hampir tabrakan
lapor	lalu_lintas	-	angkot ngetem sembarangan di tikungan, bikin macet
lapor	lalu_lintas	Jalan Sulawesi	rambu dilarang parkir di jl sulawesi hilang, orang parkir seenaknya
lapor	lalu_lintas	depan SMPN 1	macet bgt depan smpn 1 tiap jam pulang sekolah, gak ada petugas
lapor	lalu_lintas	-	bemo sering ugal2an, ngebut di jalan kampung
lapor	lalu_lintas	-	marka jalan udah pudar, zebra cross gak kelihatan
lapor	lalu_lintas	simpang Lima	kemacetan di simpang lima makin parah, tolong diatur
lapor	lalu_lintas	-	truk besar parkir di bahu jalan seharian, menghalangi
lapor	lalu_lintas	-	tukang parkir liar minta bayaran di minimarket
lapor	lalu_lintas	Jalan Kapten Yusuf	lampu lalu lintas di jl kapten yusuf kedip kuning terus
lapor	lalu_lintas	-	rambu penunjang jalan roboh ketabrak mobil
lapor	air_bersih	-	air pdam mati udh 3 hari min, gmn ini
lapor	air_bersih	kelurahan Penaraga	air pdam di kelurahan penaraga gk ngalir sejak kmrn
lapor	air_bersih	-	air ledeng keruh kecoklatan, gak bisa dipake masak
lapor	air_bersih	Jalan Kaharuddin	pipa pdam bocor di jl kaharuddin, air muncrat ke jalan
lapor	air_bersih	-	tagihan pdam naik drastis padahal air sering mati
lapor	air_bersih	RT 04	rt 04 air bersih cuma ngalir tengah malam, kecil pula
lapor	air_bersih	-	banyune mati wis seminggu, ora ono banyu
lapor	air_bersih	-	meteran air rusak tapi tetap ditagih
lapor	air_bersih	Mande	warga mande kesulitan air bersih, pdam jarang ngalir
lapor	air_bersih	-	airnya bau kaporit banget dan ada cacingnya
lapor	air_bersih	depan masjid Agung	pipa air bocor depan masjid agung udah seminggu, air terbuang
lapor	air_bersih	-	cai teu ngocor ti kamari
lapor	air_bersih	-	air kran cuma netes, tekanannya lemah banget
lapor	ketertiban	-	pkl jualan di trotoar, pejalan kaki terpaksa lewat jalan
lapor	ketertiban	depan pasar Raya	pedagang kaki lima di depan pasar raya menutup jalan
lapor	ketertiban	-	tetangga karaoke sampe jam 2 pagi, berisik bgt
lapor	ketertiban	-	tiap malam ada balap liar, knalpot brong bising
lapor	ketertiban	gang Cempaka	anak muda mabuk2an di gg cempaka tiap malam minggu
lapor	ketertiban	-	ada bangunan liar di atas saluran air
lapor	ketertiban	Jalan Sultan Hasanuddin	lapak pedagang di jl sultan hasanuddin makan badan jalan
lapor	ketertiban	-	banyak pengamen dan preman minta uang di lampu merah
lapor	ketertiban	lapangan Serasuba	lapangan serasuba dipake buat jualan, kotor dan semrawut
lapor	ketertiban	-	spanduk dan baliho liar dipasang di pohon2
lapor	ketertiban	-	suara sound system hajatan sampai subuh, mengganggu
lapor	ketertiban	-	ada tawuran remaja tiap malam dekat kampus
lapor	ketertiban	-	hewan ternak sapi dilepas bebas berkeliaran di jalan raya
lapor	kesehatan	-	tetangga banyak yg kena dbd, tolong fogging
lapor	kesehatan	puskesmas Paruga	pelayanan puskesmas paruga lama banget, antri dari pagi
lapor	kesehatan	-	di rsud dokternya gak ada, pasien terlantar
lapor	kesehatan	kelurahan Kendo	banyak nyamuk di kelurahan kendo, anak saya demam berdarah
lapor	kesehatan	-	obat di puskesmas habis, disuruh beli sendiri
lapor	kesehatan	-	pasien bpjs ditolak rumah sakit, katanya kamar penuh
lapor	kesehatan	RT 01	warga rt 01 banyak diare, airnya kotor
lapor	kesehatan	-	petugas puskesmas judes sama pasien
lapor	kesehatan	-	ambulans desa gak bisa dipake, pasien harus naik motor
lapor	kesehatan	-	ada wabah campak di kampung, anak2 belum diimunisasi
lapor	kesehatan	-	minta fogging min, sudah 3 orang kena dbd di gang kami
lapor	kesehatan	-	posyandu sudah 2 bulan tidak buka, bidannya tidak datang
lapor	kependudukan	-	ktp saya blm jadi udh 3 bulan
lapor	kependudukan	-	blanko e-ktp katanya habis terus, kapan ada
lapor	kependudukan	-	urus kk di dukcapil dipersulit, bolak balik disuruh
lapor	kependudukan	-	akta kelahiran anak saya salah nama, minta diperbaiki
lapor	kependudukan	-	antrian di capil panjang bgt, sistemnya offline terus
lapor	kependudukan	-	nik saya gak terdaftar padahal sudah rekam
lapor	kependudukan	-	petugas capil minta uang buat percepat ktp
lapor	kependudukan	-	kartu keluarga udah sebulan blm dicetak
lapor	kependudukan	-	data kependudukan saya dobel, gak bisa daftar bpjs
lapor	kependudukan	kecamatan Mpunda	perekaman ktp di kecamatan mpunda alatnya rusak
lapor	kependudukan	-	akte kematian bapak saya blm keluar2
lapor	kependudukan	-	pindah domisili ribet, surat pindah ditahan
lapor	pohon_taman	-	pohon tumbang menutup jalan, gak bisa lewat
lapor	pohon_taman	Jalan Sultan Kaharuddin	pohon besar di jl sultan kaharuddin miring, takut roboh
lapor	pohon_taman	-	dahan pohon patah nyangkut di kabel listrik
lapor	pohon_taman	taman Ria	taman ria kotor, rumputnya tinggi gak terawat
lapor	pohon_taman	-	ranting pohon menjuntai ke jalan, kena kepala pengendara
lapor	pohon_taman	depan SDN 1	pohon di depan sdn 1 rapuh, bahaya buat anak2
lapor	pohon_taman	-	tolong pangkas pohon, daunnya nutupin lampu jalan
lapor	pohon_taman	-	wit gedhe ambruk nang dalan
lapor	pohon_taman	-	fasilitas taman kota rusak, ayunan patah
lapor	pohon_taman	lapangan Merdeka	pohon di pinggir lapangan merdeka tumbang kena angin
lapor	pohon_taman	-	akar pohon merusak rumah warga, minta ditebang
lapor	kebakaran	-	kebakaran min!! rumah warga terbakar
lapor	kebakaran	kelurahan Dara	ada kebakaran di kelurahan dara, api besar
lapor	kebakaran	-	ada sarang tawon besar di atap rumah, tolong dievakuasi
lapor	kebakaran	-	ada ular kobra masuk rumah, tolong damkar
lapor	kebakaran	-	lahan kosong terbakar, asapnya tebal
lapor	kebakaran	pasar Raya	kios di pasar raya terbakar, tolong kirim pemadam
lapor	kebakaran	-	hidran di jalan bocor dan gak bisa dipake
lapor	kebakaran	-	omah kobong, geni gedhe
lapor	kebakaran	-	kucing terjebak di atas tiang, minta bantuan damkar
lapor	kebakaran	gang Dahlia	gudang di gg dahlia kebakaran, asap hitam
lapor	kebakaran	-	korsleting listrik bikin rumah tetangga terbakar
lapor	bencana	-	longsor menutup jalan ke kampung kami
lapor	bencana	kelurahan Ntobo	tebing di kelurahan ntobo longsor, 2 rumah tertimbun
lapor	bencana	-	banjir bandang menerjang rumah warga, butuh evakuasi
lapor	bencana	-	angin puting beliung merusak atap rumah warga
lapor	bencana	Lelamase	angin kencang di lelamase, banyak rumah roboh
lapor	bencana	-	pengungsi banjir belum dapat bantuan makanan
lapor	bencana	-	gempa tadi malam bikin dinding retak2
lapor	bencana	-	tanah longsor di pinggir sungai mengancam rumah
lapor	bencana	-	air bah datang tiba2, warga mengungsi ke masjid
lapor	bencana	-	rumah roboh kena angin kencang, keluarga butuh tenda
lapor	bencana	kecamatan Raba	banjir bandang di kecamatan raba, tolong bantuan perahu
lapor	sosial	-	bansos gak pernah sampai ke keluarga kami padahal miskin
lapor	sosial	-	blt dipotong oknum, harusnya 600rb cuma dapat 400rb
lapor	sosial	-	ada odgj ngamuk di jalan, bahaya
lapor	sosial	depan pasar Raya	banyak pengemis dan anak jalanan di depan pasar raya
lapor	sosial	-	nenek sebatang kara hidup terlantar, butuh bantuan
lapor	sosial	-	pkh saya tiba2 dihentikan tanpa alasan
lapor	sosial	-	pembagian sembako tidak merata, yg mampu malah dapat
lapor	sosial	-	gelandangan tidur di emperan toko tiap malam
lapor	sosial	kelurahan Nungga	data penerima bantuan sosial di kelurahan nungga gak tepat sasaran
lapor	sosial	-	orang gila telanjang keliling kampung
lapor	sosial	-	anak terlantar ditinggal orang tuanya
lapor	pendidikan	-	sekolah minta uang komite 500rb, katanya wajib
lapor	pendidikan	SDN 3	ada pungli di sdn 3 buat beli seragam
lapor	pendidikan	-	ppdb zonasi curang, anak saya dekat malah gak diterima
lapor	pendidikan	SMPN 2	guru di smpn 2 sering gak masuk kelas
lapor	pendidikan	-	atap kelas bocor dan mau ambruk, murid belajar di luar
lapor	pendidikan	-	siswa disuruh beli buku lks di sekolah, mahal
lapor	pendidikan	-	ijazah anak saya ditahan sekolah karena nunggak spp
lapor	pendidikan	-	bangku sekolah rusak, murid duduk di lantai
lapor	pendidikan	-	ada bullying di sekolah tapi guru diam saja
lapor	pendidikan	-	dana bos tidak jelas penggunaannya
lapor	pendidikan	SDN 7	toilet sdn 7 rusak dan jorok
lapor	lainnya	-	pelayanan kantor kelurahan lambat, pegawai main hp
lapor	lainnya	-	anjing liar banyak berkeliaran, warga takut
lapor	lainnya	-	sinyal hp di kampung kami susah bgt
lapor	lainnya	-	pegawai kantor lurah sering bolos jam kerja
lapor	lainnya	-	listrik pln sering padam tanpa pemberitahuan
lapor	lainnya	-	harga gas elpiji di warung mahal banget, langka
lapor	lainnya	-	pengurusan izin usaha berbelit-belit
lapor	lainnya	-	tetangga pelihara babi, baunya mengganggu
lapor	lainnya	-	tower seluler dibangun dekat rumah tanpa izin warga
cek_status	-	-	laporan saya kemarin sudah diproses belum?
cek_status	-	-	cek BM-0012
cek_status	-	-	gmn laporan sy min? udh seminggu blm ada kabar
cek_status	-	-	status laporan BM0042 apa ya
cek_status	-	-	laporan saya soal sampah sudah ditindaklanjuti?
cek_status	-	-	min laporan yg kmrn udh sampe mana
cek_status	-	-	bm 7 gimana kabarnya
cek_status	-	-	kapan laporan saya ditangani
cek_status	-	-	laporan saya
cek_status	-	-	sudah 2 minggu lapor tapi belum ada tanggapan, gimana nih
cek_status	-	-	#BM-0103 sudah dikerjakan?
cek_status	-	-	mau cek laporan saya yang jalan rusak
cek_status	-	-	perkembangan aduan saya bagaimana pak
cek_status	-	-	laporan lampu jalan saya sudah direspon belum
cek_status	-	-	nomor tiket saya bm-0051, tolong dicek
cek_status	-	-	lapor minggu lalu kok blm ada progres
info	-	-	jam berapa kantor dukcapil buka?
info	-	-	syarat bikin ktp apa aja min
info	-	-	bagaimana cara melapor di sini?
info	-	-	bisa lapor apa aja lewat wa ini?
info	-	-	nomor darurat damkar berapa?
info	-	-	kalau lapor identitas saya dirahasiakan gak?
info	-	-	apakah layanan ini gratis?
info	-	-	mau tanya, sabtu kantor capil buka tidak
info	-	-	alamat kantor pdam dimana ya
info	-	-	berapa lama biasanya laporan ditangani?
info	-	-	cara daftar bansos gimana min
info	-	-	syarat pindah sekolah apa saja ya
info	-	-	jadwal fogging bulan ini kapan?
info	-	-	info lowongan petugas kebersihan ada?
info	-	-	kalau mau bikin akta kelahiran bawa apa aja
info	-	-	nomor telepon ambulans berapa
info	-	-	ini layanan resmi pemkot bukan?
sapaan	-	-	P
sapaan	-	-	halo
sapaan	-	-	assalamualaikum min
sapaan	-	-	selamat pagi pak
sapaan	-	-	hai admin
sapaan	-	-	pagi min
sapaan	-	-	permisi
sapaan	-	-	Assalamu'alaikum wr wb
sapaan	-	-	punten
sapaan	-	-	halo ada orang?
sapaan	-	-	menu
sapaan	-	-	p p p
sapaan	-	-	selamat malam, mohon izin
sapaan	-	-	halo suarawarga
terima_kasih	-	-	terima kasih banyak pak
terima_kasih	-	-	makasih min, udah diperbaiki
terima_kasih	-	-	mantap, cepat sekali responnya
terima_kasih	-	-	trims ya
terima_kasih	-	-	matur nuwun
terima_kasih	-	-	hatur nuhun kang
terima_kasih	-	-	ok siap terima kasih
terima_kasih	-	-	alhamdulillah lampunya sudah nyala, terima kasih
terima_kasih	-	-	thanks min
terima_kasih	-	-	tq
terima_kasih	-	-	makasih atas bantuannya
terima_kasih	-	-	good job petugas dlh
batal	-	-	batal
batal	-	-	gak jadi lapor min
batal	-	-	batalkan laporan saya
batal	-	-	cancel aja
batal	-	-	maaf salah kirim, batalkan
batal	-	-	batal BM-0033
batal	-	-	tidak jadi, sudah diperbaiki sendiri
batal	-	-	hapus laporan tadi
batal	-	-	tdk usah dilanjutkan pak
lainnya	-	-	asdfghjkl
lainnya	-	-	wkwkwkwk
lainnya	-	-	😂😂😂
lainnya	-	-	promo pinjaman dana cepat cair tanpa agunan klik link
lainnya	-	-	slot gacor maxwin hari ini daftar sekarang
lainnya	-	-	kamu bot ya?
lainnya	-	-	lagi apa min
lainnya	-	-	jual pulsa murah hubungi wa ini
lainnya	-	-	selamat anda memenangkan hadiah 100 juta
lainnya	-	-	hahaha
lainnya	-	-	siapa nama walikota bima sekarang
lainnya	-	-	ok
lainnya	-	-	1234567
lainnya	-	-	tes tes 123 apakah masuk
lainnya	-	-	aku kangen kamu
lainnya	-	-	investasi emas untung 20 persen per bulan
lainnya	-	-	qwerty uiop
lainnya	-	-	hmm
`;
